/**
 * MaxPooling2D (Keras): the largest value of every window, per channel. The backward pass
 * routes each output gradient to the input the forward pass took it from (argmax; ties to the
 * first in the window).
 */
import type { FloatArray } from '../kernels/backend.js';
import { Pooling2D, POOLING2D_OPTIONS, type Pooling2DConfig, type Pooling2DOptions } from './pooling2d.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer } from '../parts/definitions.js';
import { imageLayerFromTfjs } from './window-tfjs.js';
import { MAX_POOLING2D_ONNX } from './conv-onnx.js';

export class MaxPooling2D extends Pooling2D {
  readonly className = 'MaxPooling2D';
  private argmax: Int32Array | null = null;

  constructor(options: Pooling2DOptions = {}) {
    super(parseOptions('maxPooling2d', MAX_POOLING2D.options, options) as Pooling2DConfig);
  }

  forward(x: FloatArray, batch: number): FloatArray {
    const g = this.geometry(batch);
    const n = batch * this.outputSize;
    const y = this.scratch('out', n);
    if (!this.argmax || this.argmax.length !== n) this.argmax = this.indices(n);
    this.backend.maxPool2dForward(x, y, this.argmax, g);
    return y;
  }

  backward(dy: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const dx = this.scratch('dx', batch * this.inputSize);
    this.backend.maxPool2dBackward(dy, this.argmax!, dx, this.geometry(batch));
    return dx;
  }

  private readonly indexBuffers = new Map<number, Int32Array>();

  /** The argmax buffer for `n` outputs, allocated once per batch size. */
  private indices(n: number): Int32Array {
    let buf = this.indexBuffers.get(n);
    if (!buf) this.indexBuffers.set(n, (buf = this.backend.allocIndices(n)));
    return buf;
  }
}

/** Max pooling over NHWC images; see {@link Pooling2DOptions}. */
export function maxPooling2d(options: Pooling2DOptions = {}): MaxPooling2D {
  return new MaxPooling2D(options);
}

export const MAX_POOLING2D = defineLayer<Pooling2DOptions>({
  className: 'MaxPooling2D',
  factory: 'maxPooling2d',
  summary: 'the largest value of every window, per channel',
  options: POOLING2D_OPTIONS,
  onnx: MAX_POOLING2D_ONNX,
  create: (o) => new MaxPooling2D(o),
  tfjs: { className: 'MaxPooling2D', fromTfjs: imageLayerFromTfjs('MaxPooling2D', ['pool_size', 'strides', 'padding']) },
  blockPart: true,
});
