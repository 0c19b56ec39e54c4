/**
 * Dense in the TensorFlow.js format. Weight noise and DropConnect have no tfjs equivalent and
 * stay in the `noisenet` key of model.json. DropConnect changes inference (expected weights
 * `(1 - p) W`, `(1 - p) b`), so a Dense with DropConnect is written as
 * `Dense(linear) -> Rescaling(1 - p) -> Activation`, which TF.js predicts with exactly;
 * the topology reader merges that back into one Dense. TF.js has no `leakyRelu` activation but a
 * LeakyReLU layer: a Dense with it is written as `Dense(linear) -> LeakyReLU(0.2)` (after the
 * Rescaling when there is one), merged back the same way.
 */
import type { LayerConfig } from '../parts/layer.js';
import type { LayerSpec, TfjsLayerJson } from '../parts/definitions.js';
import { INITIALIZERS } from './initializers.js';
import { camel, pascal, snake, tfjsLevel } from './tfjs-names.js';
import { LEAKY_SLOPE } from '../kernels/ref/activations.js';

/** Name suffixes of the extra layers a DropConnect Dense is written as. */
export const DROPCONNECT_SUFFIX = '_dropconnect';
export const ACTIVATION_SUFFIX = '_activation';

export function denseToTfjs(c: LayerConfig): TfjsLayerJson | TfjsLayerJson[] {
  return withDropConnect(c, (activation) => ({
    class_name: 'Dense',
    config: {
      units: c['units'],
      activation,
      use_bias: c['useBias'] ?? true,
      kernel_initializer: { class_name: pascal(String(c['kernelInitializer'] ?? 'glorotUniform')), config: { seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    },
  }));
}

/**
 * A kernel layer (Dense, Conv2D) as TF.js layers: `layer(activation)` alone, or with DropConnect
 * `layer(linear) -> Rescaling(1 - p) [-> Activation]`, the expected weights TF.js predicts with.
 */
export function withDropConnect(c: LayerConfig, layer: (activation: string) => TfjsLayerJson): TfjsLayerJson | TfjsLayerJson[] {
  const activation = snake(String(c['activation'] ?? 'linear'));
  const rate = tfjsLevel((c['dropConnect'] as { rate?: unknown } | undefined)?.rate);
  const scaled = typeof rate === 'number' && rate > 0;
  const leaky = activation === snake('leakyRelu'); // TF.js has the LeakyReLU layer, not the activation
  if (!scaled && !leaky) return layer(activation);
  const name = String(c['name']);
  const layers: TfjsLayerJson[] = [layer('linear')];
  if (scaled) layers.push({ class_name: 'Rescaling', config: { name: `${name}${DROPCONNECT_SUFFIX}`, scale: 1 - rate, offset: 0 } });
  if (leaky) layers.push({ class_name: 'LeakyReLU', config: { name: `${name}${ACTIVATION_SUFFIX}`, alpha: LEAKY_SLOPE } });
  else if (activation !== 'linear') layers.push({ class_name: 'Activation', config: { name: `${name}${ACTIVATION_SUFFIX}`, activation } });
  return layers;
}

export function denseFromTfjs(c: Record<string, unknown>): LayerSpec {
  const init = camel(String((c['kernel_initializer'] as { class_name?: unknown } | null)?.class_name ?? '').replace(/^./, (x) => x.toLowerCase()));
  const config: LayerConfig = { units: c['units'], activation: camel(String(c['activation'] ?? 'linear')), useBias: c['use_bias'] ?? true };
  if ((INITIALIZERS as readonly string[]).includes(init)) config['kernelInitializer'] = init;
  if (c['drop_connect'] !== undefined) config['dropConnect'] = c['drop_connect'];
  return { className: 'Dense', config };
}
