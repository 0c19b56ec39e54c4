/** One split of an image dataset, kept as bytes: pixels are scaled to [0, 1] per batch, never copied as floats. */
export interface ImageSplit {
  /** count * height * width pixels, row-major, one byte each. */
  readonly images: Uint8Array;
  /** count class indices. */
  readonly labels: Uint8Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
}

/** A dataset with a training and a test split. */
export interface Dataset {
  /** The dataset's name as the CLI spells it, e.g. `mnist`. */
  readonly name: string;
  /** Human-readable class names, index = label. */
  readonly classes: readonly string[];
  readonly train: ImageSplit;
  readonly test: ImageSplit;
  /** Where the data came from, one line, e.g. `cache /root/.cache/noisenet/mnist`. */
  readonly source: string;
}
