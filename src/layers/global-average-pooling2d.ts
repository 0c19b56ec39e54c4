/**
 * GlobalAveragePooling2D (Keras): the mean of every channel over the whole image,
 * [height, width, channels] -> [channels]. It is average pooling with one window the size of
 * the image, and runs on the same kernels.
 */
import type { FloatArray, Pool2dGeometry } from '../kernels/backend.js';
import { pool2dGeometry } from '../kernels/window-geometry.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import { NAME } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';
import { imageLayerFromTfjs } from './window-tfjs.js';
import { GLOBAL_AVERAGE_POOLING2D_ONNX } from './conv-onnx.js';

export interface GlobalAveragePooling2DOptions {
  name?: string;
}

export class GlobalAveragePooling2D extends Layer {
  readonly className = 'GlobalAveragePooling2D';
  private readonly geometries = new Map<number, Pool2dGeometry>();

  constructor(options: GlobalAveragePooling2DOptions = {}) {
    super(parseOptions('globalAveragePooling2d', GLOBAL_AVERAGE_POOLING2D.options, options).name);
  }

  override computeOutputShape(inputShape: readonly number[]): number[] {
    return [this.imageInput(inputShape)[2]];
  }

  private geometry(batch: number): Pool2dGeometry {
    let g = this.geometries.get(batch);
    if (!g) {
      const [h, w, c] = this.inputShape as [number, number, number];
      this.geometries.set(batch, (g = pool2dGeometry(batch, { inShape: [h, w, c], poolSize: [h, w], strides: [1, 1], padding: 'valid' })));
    }
    return g;
  }

  forward(x: FloatArray, batch: number): FloatArray {
    const y = this.scratch('out', batch * this.outputSize);
    this.backend.avgPool2dForward(x, y, this.geometry(batch));
    return y;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const dx = this.scratch('dx', batch * this.inputSize);
    this.backend.avgPool2dBackward(dy, dx, this.geometry(batch));
    return dx;
  }

  getConfig(): LayerConfig {
    return { name: this.name };
  }
}

/** The mean of every channel over the image; see {@link GlobalAveragePooling2DOptions}. */
export function globalAveragePooling2d(options: GlobalAveragePooling2DOptions = {}): GlobalAveragePooling2D {
  return new GlobalAveragePooling2D(options);
}

export const GLOBAL_AVERAGE_POOLING2D = defineLayer<GlobalAveragePooling2DOptions>({
  className: 'GlobalAveragePooling2D',
  factory: 'globalAveragePooling2d',
  summary: 'the mean of every channel over the image, [h, w, c] -> [c]',
  options: { name: NAME },
  onnx: GLOBAL_AVERAGE_POOLING2D_ONNX,
  create: (o) => new GlobalAveragePooling2D(o),
  tfjs: { className: 'GlobalAveragePooling2D', fromTfjs: imageLayerFromTfjs('GlobalAveragePooling2D', []) },
});
