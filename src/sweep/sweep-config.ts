/**
 * A sweep: the settings of a comparison experiment (`noisenet compare`'s config) whose noise
 * configurations come from a search space: per technique a list or range of levels, seeds, and
 * optionally models and training-set sizes; the whole grid, or a seeded random sample of it.
 * Parsing: sweep-config-parse.ts; expansion into runs: expand.ts.
 */
import type { ExperimentConfig } from '../experiments/config.js';
import type { ModelSpec } from '../models/model-spec.js';

/** `points` levels from `from` to `to`, evenly spaced (`linear`) or evenly spaced in log (`log`, both ends > 0). */
export interface LevelRange {
  from: number;
  to: number;
  points: number;
  scale: 'linear' | 'log';
}

/** One technique axis: a spec whose value sets (`{a,b}`) or swept parameter give its levels. */
export interface TechniqueAxis {
  /**
   * Noise specs separated by spaces, as `--variant` takes them; value sets `{a,b,...}` in them
   * expand to a grid, e.g. `gaussian:stddev={0.1,0.2}` or `dropout@hidden` with `param`.
   */
  spec: string;
  /** The parameter of the (single) technique of `spec` that `levels` or `range` sets. */
  param?: string;
  /** The levels of `param`. */
  levels?: number[];
  /** The levels of `param`, as a range. */
  range?: LevelRange;
}

/** One model of the model axis: the config's model settings that it replaces. */
export interface ModelAxis {
  /** Short name, shown in configuration names: `gaussian:stddev=0.1 [small]`. */
  name: string;
  model?: string | ModelSpec;
  hidden?: number[];
  activation?: string;
}

/** What a sweep varies. Techniques are swept one axis at a time, each against the baseline (no noise). */
export interface SearchSpace {
  techniques: TechniqueAxis[];
  /** Models to train every configuration with; default the config's model. */
  models?: ModelAxis[];
  /** Training-set sizes (seeded subsets); default the config's `trainSize`. */
  trainSizes?: number[];
  /**
   * Instead of the whole grid, `count` of its points drawn without replacement with `seed`
   * (every point trained with every seed; the baselines are always kept).
   */
  sample?: { count: number; seed: number };
}

/** A validated sweep: the experiment's settings (one baseline, no fixed configurations) and the search space. */
export interface SweepConfig extends Omit<ExperimentConfig, 'configurations' | 'baseline'> {
  search: SearchSpace;
}
