/**
 * The settings of a comparison experiment (`noisenet compare`): everything needed to rerun it,
 * as stored in `--config FILE` and in results.json. Parsing and validation live in
 * `config-parse.ts`.
 */
import { InvalidArgumentError } from '../errors.js';
import { DEFAULT_STDDEVS } from './robustness.js';
import type { RunSettings } from '../run/run-settings.js';

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
}

/** A complete, validated experiment configuration: the shared run settings (but the noise, which each configuration gives), the data and the comparison. */
export interface ExperimentConfig extends Omit<RunSettings, 'noise'> {
  /** Title of the report. */
  name: string;
  /** `mnist-mini`, `mnist` or `fashion-mnist`. */
  dataset: string;
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
