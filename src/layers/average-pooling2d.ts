/**
 * AveragePooling2D (Keras): the mean of every window, per channel; with `same` padding the
 * padded positions are not counted (Keras' and TF's rule). The backward pass spreads each
 * output gradient evenly over its window.
 */
import type { FloatArray } from '../kernels/backend.js';
import { Pooling2D, POOLING2D_OPTIONS, type Pooling2DConfig, type Pooling2DOptions } from './pooling2d.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';
import { imageLayerFromTfjs } from './window-tfjs.js';
import { AVERAGE_POOLING2D_ONNX } from './conv-onnx.js';

export class AveragePooling2D extends Pooling2D {
  readonly className = 'AveragePooling2D';

  constructor(options: Pooling2DOptions = {}) {
    super(parseOptions('averagePooling2d', AVERAGE_POOLING2D.options, options) as Pooling2DConfig);
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
}

/** Average pooling over NHWC images; see {@link Pooling2DOptions}. */
export function averagePooling2d(options: Pooling2DOptions = {}): AveragePooling2D {
  return new AveragePooling2D(options);
}

export const AVERAGE_POOLING2D = defineLayer<Pooling2DOptions>({
  className: 'AveragePooling2D',
  factory: 'averagePooling2d',
  summary: 'the mean of every window, per channel',
  options: POOLING2D_OPTIONS,
  onnx: AVERAGE_POOLING2D_ONNX,
  create: (o) => new AveragePooling2D(o),
  tfjs: { className: 'AveragePooling2D', fromTfjs: imageLayerFromTfjs('AveragePooling2D', ['pool_size', 'strides', 'padding']) },
  blockPart: true,
});
