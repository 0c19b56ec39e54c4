/** ReLU (Keras): `max(x, 0)` element-wise, on the activation kernels. Keras' `max_value`, `negative_slope` and `threshold` are not supported. */
import type { Activation } from '../kernels/backend.js';
import { KernelActivation } from './activation.js';
import type { LayerConfig } from '../parts/layer.js';
import { NAME } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, type LayerSpec } from '../parts/definitions.js';
import { invalid } from '../errors.js';
import { activationOnnx } from './conv-onnx.js';

export interface ReLUOptions {
  name?: string;
}

export class ReLU extends KernelActivation {
  readonly className = 'ReLU';
  protected readonly act: Activation = 'relu';

  constructor(options: ReLUOptions = {}) {
    super(parseOptions('relu', RELU.options, options).name);
  }

  getConfig(): LayerConfig {
    return { name: this.name };
  }
}

/** `max(x, 0)`; see {@link ReLUOptions}. */
export function relu(options: ReLUOptions = {}): ReLU {
  return new ReLU(options);
}

/** A TF.js / Keras ReLU, refused when it caps or leaks (options noisenet's ReLU lacks). */
function reluFromTfjs(c: Record<string, unknown>): LayerSpec {
  for (const k of ['max_value', 'negative_slope', 'threshold']) {
    if (c[k] !== undefined && c[k] !== null && c[k] !== 0) throw invalid('ReLU', k, k === 'max_value' ? 'null (no cap)' : '0', c[k]);
  }
  return { className: 'ReLU', config: {} };
}

export const RELU = defineLayer<ReLUOptions>({
  className: 'ReLU',
  factory: 'relu',
  summary: 'max(x, 0) element-wise',
  options: { name: NAME },
  onnx: activationOnnx(() => 'relu'),
  create: (o) => new ReLU(o),
  tfjs: { className: 'ReLU', fromTfjs: reluFromTfjs },
  blockPart: true,
});
