/**
 * The technique catalogue: every noise technique noisenet ships, with its parameters
 * (defaults, ranges, whether they can be annealed), formula, paper, and what Keras,
 * TensorFlow.js and PyTorch offer instead. The spec parser validates against it and the CLI's
 * `noisenet techniques` command prints it.
 */
import type { NumberRange } from '../../validate.js';
import { LAYER_TECHNIQUES } from './techniques-layer.js';
import { TRAINING_TECHNIQUES } from './techniques-training.js';

/** Where a technique acts: a layer in the stack, dense weights, the optimizer, the loss, labels, or the input batch. */
export type TechniqueKind = 'layer' | 'weight' | 'optimizer' | 'loss' | 'label' | 'data';

/** Where a spec puts its technique: before the first dense layer, after hidden layers, on output weights, all dense layers, or after hidden layer N (1-based). */
export type SpecWhere = 'input' | 'hidden' | 'output' | 'all' | number;

export interface TechniqueParam {
  readonly name: string;
  readonly description: string;
  /** Value used when the spec does not give one. */
  readonly default: number | string;
  /** Allowed numbers; absent for parameters with `choices`. */
  readonly range?: NumberRange;
  /** Allowed words, for non-numeric parameters. */
  readonly choices?: readonly string[];
  /** Whether the value may be annealed, written `from->to` in a spec. */
  readonly schedulable: boolean;
}

export interface Technique {
  /** Name in specs, e.g. `gaussian-dropout`. */
  readonly name: string;
  /** Other accepted spellings. */
  readonly aliases: readonly string[];
  readonly kind: TechniqueKind;
  /** A spec using it, e.g. `dropout:rate=0.5@hidden`. */
  readonly example: string;
  /** Human-readable name. */
  readonly title: string;
  /** The library call, e.g. `gaussianDropout({ rate })`. */
  readonly api: string;
  readonly params: readonly TechniqueParam[];
  readonly description: string;
  readonly formula: string;
  readonly paper: string;
  /** Settings commonly used, with their source when the paper gives them. */
  readonly typical: string;
  /** What the other libraries ship ("-" when nothing). */
  readonly offeredBy: { readonly keras: string; readonly tfjs: string; readonly pytorch: string };
  /** Needs image inputs (height and width). */
  readonly imageOnly: boolean;
  /** Default `@where` for layer and weight techniques; null when a spec takes no `@where`. */
  readonly defaultWhere: SpecWhere | null;
}

/** Every technique, in the order `noisenet techniques` lists them. */
export const TECHNIQUES: readonly Technique[] = [...LAYER_TECHNIQUES, ...TRAINING_TECHNIQUES];

/** The technique called `name` (or one of its aliases), or undefined. */
export function findTechnique(name: string): Technique | undefined {
  const n = name.toLowerCase();
  return TECHNIQUES.find((t) => t.name === n || t.aliases.includes(n));
}
