/** How a dataset published as four IDX files (MNIST, Fashion-MNIST) is found and checked. */

/** An expected digest, lowercase hex. */
export interface Checksum {
  /** `sha256` (MNIST) or `md5` (Fashion-MNIST's published sums). */
  readonly algorithm: 'sha256' | 'md5';
  readonly digest: string;
}

/** One published file of a dataset. */
export interface IdxFileSpec {
  /** The published name, ending in `.gz`; the uncompressed name (without `.gz`) is accepted from folders. */
  readonly name: string;
  /** The digest of the published (`.gz`) file. */
  readonly checksum: Checksum;
  readonly bytes?: number;
}

/** Everything needed to find, download and check one four-file IDX dataset. */
export interface IdxDatasetSpec {
  /** The CLI's name, also the cache subfolder, e.g. `mnist`. */
  readonly name: string;
  /** For messages, e.g. `MNIST`. */
  readonly title: string;
  readonly classes: readonly string[];
  readonly files: {
    readonly trainImages: IdxFileSpec;
    readonly trainLabels: IdxFileSpec;
    readonly testImages: IdxFileSpec;
    readonly testLabels: IdxFileSpec;
  };
  /** Base URLs, tried in order; a file's URL is base + name. */
  readonly mirrors: readonly string[];
  /** An environment variable whose value (a base URL) is tried before `mirrors`. */
  readonly mirrorEnv?: string;
  /** Folders used as is (no checksum) when they hold all four files, e.g. a Debian package's. */
  readonly systemDirs?: readonly string[];
}
