/**
 * A sweep's plan: every configuration of its search space once per seed, each run with the
 * complete settings a worker needs to train it on any machine, and its stable id.
 */
import type { OwnDataConfig, RobustnessSettings } from '../experiments/config.js';
import type { ModelSpec } from '../models/model-spec.js';
import type { RunSettings } from '../run/run-settings.js';
import type { SweepConfig } from './sweep-config.js';
import { axisGroups, type SweepGroup } from './axis-levels.js';
import { canonicalJson, runId, sha256Hex } from './run-id.js';

/** Everything that decides a run's result; its id is the hash of these. */
export interface SweepRunSettings {
  dataset: string;
  dataDir?: string;
  /** The user's own data (its path, how to read it, and its SHA-256), instead of a built-in dataset. */
  data?: OwnDataConfig;
  dataSeed: number;
  trainSize?: number;
  valSize?: number;
  model: string | ModelSpec;
  hidden: number[];
  activation: string;
  noise: string[];
  optimizer: RunSettings['optimizer'];
  lr: number;
  momentum: number;
  /** The optimizer's other options, when the config sets any. */
  optimizerOptions?: Record<string, number | boolean>;
  /** The loss, when the config names one (default sparse cross-entropy). */
  loss?: RunSettings['loss'];
  epochs: number;
  batchSize: number;
  /** Seed of the weights, the shuffles and the noise. */
  seed: number;
  robustness: RobustnessSettings;
}

/** One run of the plan. */
export interface PlannedRun extends SweepGroup {
  /** Stable id: see {@link runId}. */
  id: string;
  seed: number;
  settings: SweepRunSettings;
}

/** The runs of a sweep, seed by seed (every configuration with seed 1, then with seed 2, ...). */
export interface SweepPlan {
  config: SweepConfig;
  /** SHA-256 of the config without its name: two configs with the same hash plan the same runs. */
  configHash: string;
  groups: SweepGroup[];
  runs: PlannedRun[];
}

/** The settings of one run of `group` with `seed`. */
export function runSettings(config: SweepConfig, group: SweepGroup, seed: number): SweepRunSettings {
  const m = config.search.models?.find((x) => x.name === group.model);
  const s: SweepRunSettings = {
    dataset: config.dataset,
    dataSeed: config.dataSeed,
    model: m?.model ?? config.model,
    hidden: m?.hidden ?? config.hidden,
    activation: m?.activation ?? config.activation,
    noise: group.noise,
    optimizer: config.optimizer,
    lr: config.lr,
    momentum: config.momentum,
    epochs: config.epochs,
    batchSize: config.batchSize,
    seed,
    robustness: config.robustness,
  };
  if (config.dataDir !== undefined) s.dataDir = config.dataDir;
  if (config.data !== undefined) s.data = config.data;
  if (config.optimizerOptions !== undefined) s.optimizerOptions = config.optimizerOptions;
  if (config.loss !== undefined) s.loss = config.loss;
  const trainSize = group.trainSize ?? config.trainSize;
  if (trainSize !== undefined) s.trainSize = trainSize;
  if (config.valSize !== undefined) s.valSize = config.valSize;
  return s;
}

/** The hash that tells two sweeps of one name apart. */
export async function sweepConfigHash(config: SweepConfig): Promise<string> {
  const { name: _name, ...rest } = config;
  return sha256Hex(canonicalJson(rest));
}

/**
 * Plans a validated sweep.
 * @throws ExperimentConfigError as {@link axisGroups}.
 */
export async function planSweep(config: SweepConfig, source = 'config'): Promise<SweepPlan> {
  const groups = axisGroups(config, source);
  const runs: PlannedRun[] = [];
  for (const seed of config.seeds) {
    for (const g of groups) {
      const settings = runSettings(config, g, seed);
      runs.push({ ...g, id: await runId(settings), seed, settings });
    }
  }
  return { config, configHash: await sweepConfigHash(config), groups, runs };
}
