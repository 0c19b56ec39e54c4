/** Softmax (Keras): `exp(x) / sum(exp(x))` over the last axis, on the activation kernels. */
import type { Activation } from '../kernels/backend.js';
import { KernelActivation } from './activation.js';
import type { LayerConfig } from '../parts/layer.js';
import { NAME } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, type LayerSpec } from '../parts/definitions.js';
import { invalid } from '../errors.js';
import { activationOnnx } from './conv-onnx.js';

export interface SoftmaxOptions {
  name?: string;
}

export class Softmax extends KernelActivation {
  readonly className = 'Softmax';
  protected readonly act: Activation = 'softmax';

  constructor(options: SoftmaxOptions = {}) {
    super(parseOptions('softmax', SOFTMAX.options, options).name);
  }

  getConfig(): LayerConfig {
    return { name: this.name };
  }
}

/** Softmax over the last axis; see {@link SoftmaxOptions}. */
export function softmax(options: SoftmaxOptions = {}): Softmax {
  return new Softmax(options);
}

export const SOFTMAX = defineLayer<SoftmaxOptions>({
  className: 'Softmax',
  factory: 'softmax',
  summary: 'softmax over the last axis',
  options: { name: NAME },
  onnx: activationOnnx(() => 'softmax'),
  create: (o) => new Softmax(o),
  tfjs: {
    className: 'Softmax',
    fromTfjs(c): LayerSpec {
      const axis = Array.isArray(c['axis']) && c['axis'].length === 1 ? c['axis'][0] : c['axis'];
      if (axis !== undefined && axis !== -1) throw invalid('Softmax', 'axis', 'the last axis (-1)', c['axis']);
      return { className: 'Softmax', config: {} };
    },
  },
  blockPart: true,
});
