/**
 * The base of the augmentations that transform each training image on its own by a drawn
 * sequence of image operations (RandAugment, TrivialAugment, AugMix): the image is copied out
 * of the batch into a scratch buffer, transformed, and written back. The scratch buffers are
 * allocated once per image size.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import type { AugmentContext } from '../parts/augmentation.js';
import type { Xoshiro128 } from '../random/xoshiro.js';
import { ImageAugmentation, type ImageGeometry, type Interpolation } from './image.js';
import type { ImageOp } from './ops/image-op.js';
import { applyOp } from './ops/spaces.js';

/** One operation as applied: its name and parameter (after the sign). */
export interface AppliedOp {
  readonly op: string;
  readonly value: number;
}

export abstract class OpPolicy extends ImageAugmentation {
  /** The operations applied to each image of the last batch, in order, for inspection. */
  lastOps: AppliedOp[][] = [];
  private scratch: Float64Array[] = [];

  constructor(shape: [number, number] | undefined, readonly interpolation: Interpolation) {
    super(shape);
  }

  /** Whether the batch is left as it is at this step (magnitude or count 0). */
  protected abstract skip(ctx: AugmentContext): boolean;

  /** Transforms `image` (which it may overwrite), using `spare` as it likes; returns the buffer holding the result. */
  protected abstract transform(image: Float64Array, spare: Float64Array, g: ImageGeometry, rng: Xoshiro128, ctx: AugmentContext, applied: AppliedOp[]): Float64Array;

  apply(batch: FloatArray, targets: BatchTargets, count: number, ctx: AugmentContext): BatchTargets {
    if (this.skip(ctx)) return targets;
    this.transformRows(batch, 0, batch, 0, count, ctx);
    return targets;
  }

  /** Writes the transform of rows `from..from+count` of `src` into rows `to..to+count` of `dst` (which may be `src`). */
  protected transformRows(src: FloatArray, from: number, dst: FloatArray, to: number, count: number, ctx: AugmentContext): void {
    const g = this.image(ctx.sampleSize);
    const size = ctx.sampleSize;
    const [a, b] = this.buffers(size, 2);
    const rng = this.generator;
    this.lastOps = [];
    for (let r = 0; r < count; r++) {
      for (let i = 0; i < size; i++) a[i] = src[(from + r) * size + i]!;
      const applied: AppliedOp[] = [];
      const out = this.transform(a, b, g, rng, ctx, applied);
      this.lastOps.push(applied);
      for (let i = 0; i < size; i++) dst[(to + r) * size + i] = out[i]!;
    }
  }

  /** `n` scratch images of `size` values, kept across steps. */
  protected buffers(size: number, n: number): Float64Array[] {
    if (this.scratch.length < n || this.scratch[0]!.length !== size) this.scratch = Array.from({ length: Math.max(n, this.scratch.length) }, () => new Float64Array(size));
    return this.scratch;
  }

  /** Applies `op` with parameter `v`, negated with probability 1/2 when the operation is signed, from `src` into `dst`. */
  protected applyDrawn(op: ImageOp, v: number, src: Float64Array, dst: Float64Array, g: ImageGeometry, rng: Xoshiro128, applied: AppliedOp[]): void {
    const value = op.signed && rng.uniform() < 0.5 ? -v : v;
    applyOp(op, src, dst, g, value, this.interpolation);
    applied.push({ op: op.name, value });
  }
}
