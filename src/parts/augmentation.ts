/**
 * Data-level noise applied by `fit` to each training batch after it is gathered and before the
 * forward pass: inputs are changed in place in backend memory (the dataset is never copied),
 * targets are changed or replaced (label noise, mixed targets). Never applied in evaluate,
 * predict or the validation pass. Every draw comes from a stream `fit` seeds from the run's seed.
 */
import type { Backend, FloatArray, RandomStream } from '../kernels/backend.js';
import type { StepContext } from '../step/step-context.js';
import type { BatchTargets, Task } from './loss.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { StepRandom } from '../random/step-random.js';
import { InvalidArgumentError } from '../errors.js';

/** What an augmentation learns about the data before training. */
export interface AugmentSetup {
  /** Values per input sample. */
  readonly sampleSize: number;
  /** Values per target row (the model's outputs, the classes of a classifier). */
  readonly outputs: number;
  /** `[height, width]` of image inputs, when known (fit's `imageShape`). */
  readonly imageShape?: readonly [number, number] | undefined;
  /** The model's task, which label noise needs to be classification. */
  readonly task?: Task;
}

/** What an augmentation sees at each training step. */
export interface AugmentContext extends StepContext {
  readonly backend: Backend;
  readonly sampleSize: number;
  readonly outputs: number;
  /** A buffer of `length` values in backend memory, reused across steps. */
  buffer(key: string, length: number): FloatArray;
  /**
   * Writes the gradient of each row's loss with respect to its input, at `x` (`count` rows in
   * backend memory), into `grad`, with the model's noise off; when `correct` is given, also
   * whether each row is classified correctly. Given by `fit`; adversarial training reads it.
   */
  inputGradient?(x: FloatArray, targets: BatchTargets, count: number, grad: FloatArray, correct?: Uint8Array): void;
}

export interface Augmentation {
  /** The technique's name, used in messages. */
  readonly name: string;
  /** Checks the data before training; throws a one-line error when it does not fit (e.g. not images). */
  setup(info: AugmentSetup): void;
  /** Seeds the random draws at the start of `fit`. */
  seedRandom(seed: number): void;
  /** Positions the random draws at training step `step` (called by `fit` before each `apply`). */
  atStep?(step: number): void;
  /** Changes `count` input rows of `batch` in place; returns the (possibly new) targets. */
  apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets;
  /** Options as JSON. */
  getConfig(): Record<string, unknown>;
}

/** Base of augmentations: a JS generator for per-sample choices and a backend stream for fields. */
export abstract class RandomAugmentation implements Augmentation {
  abstract readonly name: string;
  private readonly draws = new StepRandom();
  /** Whether the draws were seeded; until `seedRandom`, they come from seed 0 (the name is known only once constructed). */
  private seeded = false;

  setup(_info: AugmentSetup): void {}

  seedRandom(seed: number): void {
    this.draws.reseedFrom(seed, this.name);
    this.seeded = true;
  }

  atStep(step: number): void {
    this.draws.at(step);
  }

  /** The JS generator, for per-sample draws; positioned at the current step. */
  protected get generator(): Xoshiro128 {
    return this.seededDraws().generator();
  }

  /** The backend stream, for element-wise draws; positioned at the current step. */
  protected stream(backend: Backend): RandomStream {
    return this.seededDraws().stream(backend);
  }

  private seededDraws(): StepRandom {
    if (!this.seeded) this.seedRandom(0);
    return this.draws;
  }

  abstract apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets;
  abstract getConfig(): Record<string, unknown>;
}

/** Runs augmentations in order on one batch. */
export function applyAugmentations(augmentations: readonly Augmentation[], batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
  let t = targets;
  for (const a of augmentations) {
    a.atStep?.(ctx.step);
    t = a.apply(batch, t, count, ctx);
  }
  return t;
}

/**
 * An augmentation that trains on several views of each sample, with a consistency loss between
 * the model's predictions on them (AugMix's Jensen-Shannon term). `fit` then forwards
 * `views * count` rows at each step: the batch (after every augmentation's `apply`) first, then
 * each further view's `count` rows; the loss of the targets is taken on the first rows only,
 * and the consistency loss over all of them is added.
 */
export interface ConsistencyAugmentation extends Augmentation {
  /** Views forwarded per sample in training, the batch's own included; 1 turns the consistency off. */
  readonly views: number;
  /** Writes views 1 to `views - 1` of the `count` rows at the start of `rows` after them (`rows` holds `views * count` samples). */
  makeViews(rows: FloatArray, count: number, ctx: AugmentContext): void;
  /**
   * The consistency loss summed over the `count` samples, from the model's outputs `out` on all
   * views (`views * count` rows of `outputs` values: logits when `logits`, else probabilities);
   * adds its gradient with respect to `out`, times `gradScale`, into `grad`.
   */
  consistencyLoss(out: FloatArray, logits: boolean, count: number, outputs: number, grad: FloatArray, gradScale: number): number;
}

/** The augmentation of the list that trains on several views, or null; more than one is refused. */
export function consistencyOf(augmentations: readonly Augmentation[]): ConsistencyAugmentation | null {
  const found = augmentations.filter((a): a is ConsistencyAugmentation => 'views' in a && (a as ConsistencyAugmentation).views > 1);
  if (found.length > 1) throw new InvalidArgumentError(`fit: at most one augmentation with a consistency loss, found ${found.length} (${found.map((a) => a.name).join(', ')})`);
  return found[0] ?? null;
}
