/**
 * The settings of a comparison experiment (`noisenet compare`): everything needed to rerun it,
 * as stored in `--config FILE` and in results.json. Parsing and validation live in
 * `config-parse.ts`.
 */
import { InvalidArgumentError } from '../errors.js';
import { DEFAULT_STDDEVS } from './robustness.js';
import type { RunSettings } from '../run/run-settings.js';
import type { CardMeasure } from '../run/card-settings.js';

/** One arm of the comparison: a name and the noise techniques it trains with. */
export interface ConfigurationSpec {
  /** Unique name, shown in tables, legends and CSV file names, e.g. `baseline`, `gaussian-0.1`. */
  name: string;
  /** Noise specifications, in the syntax of `--noise SPEC`; empty for no noise. */
  noise: string[];
}

/** Test-time Gaussian noise evaluated after every run. */
export interface RobustnessSettings {
  /** Noise standard deviations, in the inputs' scale (pixels in [0, 1]). */
  stddevs: number[];
  /** Noise draws per level. */
  draws: number;
  /** Seed of the test-time noise, the same for every run (common random numbers). */
  seed: number;
  /** Clip noisy inputs to [0, 1]. */
  clip: boolean;
  /** Evaluate on the first `samples` validation samples only; all when absent. */
  samples?: number;
  /** The robustness card's measures (corruption, adversarial, certified; see run-card.ts); all when absent, none when empty. */
  card?: CardMeasure[];
  /** Validation samples the card is measured on (a seeded subset); 500 when absent. */
  cardSamples?: number;
  /** The card's FGSM epsilon; 0.1 when absent. */
  cardEps?: number;
}

/**
 * The user's own data an experiment reads instead of a built-in dataset (config key `data`;
 * `--data PATH` and its companion flags on the command line).
 */
export interface OwnDataConfig {
  /** A CSV/TSV table, a folder of class folders (with or without `train/` and `test/`), an `.npz` file or a folder of IDX files. */
  path: string;
  /** Tables: the target column, by name or 0-based index (-1 = the last); default the last. */
  target?: string | number;
  /** Tables: the feature columns; default every column but the target. */
  features?: (string | number)[];
  /** Tables: columns left out. */
  exclude?: (string | number)[];
  /** Image folders: `[height, width]` every image is resized to; default the first image's. */
  imageSize?: [number, number];
  /** Image folders: images of another size are resized (`bilinear`, the default) or refused (`refuse`). */
  resize?: 'bilinear' | 'refuse';
  /** Image folders: convert every image to 1 (grey) or 3 (RGB) channels. */
  channels?: 1 | 3;
  /** Tables: the field delimiter, one character; default detected among `,` `;` tab `|`. */
  delimiter?: string;
  /** Tables: whether the first row names the columns; default `auto` (detected). */
  header?: 'auto' | 'yes' | 'no';
  /** `.npz` files: the names of the training samples and targets, and optionally of the test ones; default Keras' `x_train`, `y_train`, `x_test`, `y_test`. */
  arrays?: string[];
  /** `.npz` files and IDX folders: the class names, class 0 first; default the indices as text. */
  classNames?: string[];
  /** Images: `unit` (value / 255, the default), or `standardize` (then each channel standardised by a normalization layer adapted on the training set). */
  pixels?: 'unit' | 'standardize';
  /** Data without a test split: the share of the training samples held out for validation (seeded by `dataSeed`, stratified). */
  valSplit?: number;
  /** Tables and feature arrays: standardise the features with a normalization layer adapted on the training set (default true). */
  standardize?: boolean;
  /**
   * Tables: what the target is: classes, two classes trained as yes/no (one sigmoid output), or
   * a value (a regression, one linear output); default read from the values (`auto`).
   */
  task?: 'classification' | 'binary' | 'regression';
  /**
   * SHA-256 of the data as read (see `loadedDataDigest`): set by a sweep, so that a worker that
   * reads other data at the path refuses it.
   */
  sha256?: string;
}

/** The `dataset` of a configuration that reads its own data (`data`). */
export const OWN_DATASET = 'own';

/** A complete, validated experiment configuration: the shared run settings (but the noise, which each configuration gives), the data and the comparison. */
export interface ExperimentConfig extends Omit<RunSettings, 'noise'> {
  /** Title of the report. */
  name: string;
  /** `mnist-mini`, `mnist` or `fashion-mnist`; {@link OWN_DATASET} with `data`. */
  dataset: string;
  /** The user's own data, instead of a built-in dataset. */
  data?: OwnDataConfig;
  /** Folder with the dataset's IDX files (mnist, fashion-mnist), instead of the cache or a download. */
  dataDir?: string;
  /** Train on a seeded random subset of this many samples (the same subset for every run). */
  trainSize?: number;
  /** Validate on a seeded random subset of this many test samples (the same for every run). */
  valSize?: number;
  /** Seed of the subsets (and of mnist-mini's split). */
  dataSeed: number;
  /** Seeds of the runs: every configuration is trained once per seed. */
  seeds: number[];
  /** Name of the configuration the others are compared with. */
  baseline: string;
  configurations: ConfigurationSpec[];
  robustness: RobustnessSettings;
}

/** Defaults of every optional field; `configurations` defaults to a lone baseline. */
export const CONFIG_DEFAULTS = {
  name: 'noisenet compare',
  model: 'mlp',
  dataset: 'mnist-mini',
  dataSeed: 42,
  epochs: 10,
  batchSize: 32,
  optimizer: 'adam',
  lr: 0.001,
  momentum: 0,
  hidden: [128, 64],
  activation: 'relu',
  seeds: [1, 2, 3],
  robustness: { stddevs: [...DEFAULT_STDDEVS], draws: 3, seed: 0, clip: false },
} as const;

/** An invalid experiment configuration; the message names the file, the field and the reason. */
export class ExperimentConfigError extends InvalidArgumentError {
  override name = 'ExperimentConfigError';

  constructor(
    /** The config file, or a label such as `compare flags`. */
    readonly source: string,
    /** The field, as a path: `configurations[1].noise[0]`. */
    readonly field: string,
    /** Why it is rejected. */
    readonly reason: string,
  ) {
    super(`${source}: ${field}: ${reason}`);
  }
}
