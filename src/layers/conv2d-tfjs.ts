/**
 * Conv2D in the TensorFlow.js format: channels last, sizes as pairs, the kernel HWIO (the
 * layout noisenet keeps, so weights are written as they are). DropConnect is written as Dense's
 * is (see dense-tfjs.ts); weight noise stays in the `noisenet` key.
 */
import type { LayerConfig } from '../parts/layer.js';
import type { LayerSpec, TfjsLayerJson } from '../parts/definitions.js';
import { INITIALIZERS } from './initializers.js';
import { camel, pascal } from './tfjs-names.js';
import { withDropConnect } from './dense-tfjs.js';
import { channelsLast } from './window-tfjs.js';

export function conv2dToTfjs(c: LayerConfig): TfjsLayerJson | TfjsLayerJson[] {
  return withDropConnect(c, (activation) => ({
    class_name: 'Conv2D',
    config: {
      filters: c['filters'],
      kernel_size: c['kernelSize'],
      strides: c['strides'],
      padding: c['padding'],
      data_format: 'channels_last',
      dilation_rate: c['dilationRate'],
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

export function conv2dFromTfjs(c: Record<string, unknown>): LayerSpec {
  channelsLast('Conv2D', c);
  const init = camel(String((c['kernel_initializer'] as { class_name?: unknown } | null)?.class_name ?? '').replace(/^./, (x) => x.toLowerCase()));
  const config: LayerConfig = { filters: c['filters'], kernelSize: c['kernel_size'], activation: camel(String(c['activation'] ?? 'linear')), useBias: c['use_bias'] ?? true };
  for (const [from, to] of [['strides', 'strides'], ['padding', 'padding'], ['dilation_rate', 'dilationRate']] as const) if (c[from] !== undefined && c[from] !== null) config[to] = c[from];
  if ((INITIALIZERS as readonly string[]).includes(init)) config['kernelInitializer'] = init;
  if (c['drop_connect'] !== undefined) config['dropConnect'] = c['drop_connect'];
  return { className: 'Conv2D', config };
}
