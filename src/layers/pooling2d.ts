/**
 * The base of the 2-D pooling layers (Keras' MaxPooling2D and AveragePooling2D): windows of
 * `poolSize` pixels every `strides` pixels (default: `poolSize`, windows side by side), per
 * channel, NHWC. No weights.
 */
import type { FloatArray, Pool2dGeometry } from '../kernels/backend.js';
import { pool2dGeometry, type Padding } from '../kernels/window-geometry.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { NAME, custom, type Schema } from '../schema/fields.js';
import { PADDING, checkPair, pair, showPair, type Pair } from './window-options.js';
import { ShapeError } from '../errors.js';

export interface Pooling2DOptions {
  /** Window size: one integer or `[height, width]`; default 2. */
  poolSize?: number | Pair;
  /** Step between windows: one integer or `[height, width]`; default `poolSize`. */
  strides?: number | Pair;
  /** `valid` (default) or `same`. */
  padding?: Padding;
  name?: string;
}

/** The parsed options. */
export type Pooling2DConfig = { poolSize: Pair; strides?: Pair; padding: Padding; name?: string };

/** The options of both pooling layers. */
export const POOLING2D_OPTIONS: Schema<Pooling2DOptions> = {
  poolSize: pair('window size, one integer or [height, width]', { default: [2, 2] }),
  strides: custom('step between windows, one integer or [height, width]; default poolSize', 'a positive integer or a pair of them [height, width]', checkPair),
  padding: PADDING,
  name: NAME,
};

export abstract class Pooling2D extends Layer {
  readonly poolSize: Pair;
  readonly strides: Pair;
  readonly padding: Padding;
  private readonly stridesGiven: boolean;
  private readonly geometries = new Map<number, Pool2dGeometry>();

  constructor(o: Pooling2DConfig) {
    super(o.name);
    this.poolSize = o.poolSize;
    this.strides = o.strides ?? o.poolSize;
    this.stridesGiven = o.strides !== undefined;
    this.padding = o.padding;
  }

  override computeOutputShape(inputShape: readonly number[]): number[] {
    const inShape = this.imageInput(inputShape);
    const g = pool2dGeometry(1, { inShape, poolSize: this.poolSize, strides: this.strides, padding: this.padding });
    if (g.outHeight < 1 || g.outWidth < 1) {
      throw new ShapeError(`${this.className} '${this.name}': a ${showPair(this.poolSize)} window needs images of at least ${showPair(this.poolSize)} pixels with padding '${this.padding}', received shape [${inputShape.join(', ')}]`);
    }
    return [g.outHeight, g.outWidth, inShape[2]];
  }

  /** The kernel geometry for `batch` images, computed once per batch size. */
  geometry(batch: number): Pool2dGeometry {
    let g = this.geometries.get(batch);
    if (!g) this.geometries.set(batch, (g = pool2dGeometry(batch, { inShape: this.inputShape as [number, number, number], poolSize: this.poolSize, strides: this.strides, padding: this.padding })));
    return g;
  }

  abstract override forward(x: FloatArray, batch: number, ctx: StepContext): FloatArray;

  getConfig(): LayerConfig {
    return { name: this.name, poolSize: [...this.poolSize], ...(this.stridesGiven ? { strides: [...this.strides] } : {}), padding: this.padding };
  }
}
