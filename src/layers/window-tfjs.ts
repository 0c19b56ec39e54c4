/** What the TF.js readers of the image layers share: channels-last data only, null options left out. */
import type { LayerSpec } from '../parts/definitions.js';
import type { LayerConfig } from '../parts/layer.js';
import { invalid } from '../errors.js';
import { camel } from './tfjs-names.js';

/** Refuses a `data_format` other than `channels_last` (noisenet's layout, Keras' default). */
export function channelsLast(className: string, c: Record<string, unknown>): void {
  const format = c['data_format'];
  if (format !== undefined && format !== null && format !== 'channels_last') throw invalid(className, 'data_format', "'channels_last' (NHWC)", format);
}

/** A reader keeping only `keys` (snake_case) that are set, in camelCase, after checking the data format. */
export function imageLayerFromTfjs(className: string, keys: readonly string[]): (c: Record<string, unknown>) => LayerSpec {
  return (c) => {
    channelsLast(className, c);
    const config: LayerConfig = {};
    for (const k of keys) if (c[k] !== undefined && c[k] !== null) config[camel(k)] = c[k];
    return { className, config };
  };
}
