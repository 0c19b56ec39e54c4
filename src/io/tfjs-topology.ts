/**
 * The TensorFlow.js side of a saved model: noisenet layers to and from the Keras/tfjs
 * `modelTopology` (`class_name`, snake_case `config`, `batch_input_shape` on the first layer).
 * Each layer is converted by its declaration (see tfjs-layers.ts).
 */
import type { LayerSpec, TfjsLayerJson } from '../parts/definitions.js';
import type { Layer, LayerConfig } from '../parts/layer.js';
import { InputLayer } from '../layers/input.js';
import { layerFromTfjs, layerToTfjs, mergeDropConnect } from './tfjs-layers.js';

export type { LayerSpec, TfjsLayerJson };

/** The tfjs `modelTopology` of a built sequential model: every layer but the input, the first with `batch_input_shape`. */
export function toTfjsTopology(model: { name: string; layers: readonly Layer[] }, version: string): Record<string, unknown> {
  const first = model.layers[0] as InputLayer;
  const layers = model.layers.filter((l) => !(l instanceof InputLayer)).flatMap((layer) => {
    const converted = layerToTfjs(layer);
    return (Array.isArray(converted) ? converted : [converted]).map(({ class_name, config }, j) => ({
      class_name,
      config: { ...config, name: j === 0 ? layer.name : config['name'], trainable: true } as Record<string, unknown>,
    }));
  });
  layers.forEach(({ config }, i) => {
    if (i === 0) config['batch_input_shape'] = [null, ...first.shape];
    config['dtype'] = 'float32';
  });
  return { class_name: 'Sequential', config: { name: model.name, layers }, keras_version: `noisenet ${version}`, backend: 'tensor_flow.js' };
}

/**
 * The noisenet layers of a tfjs (or Keras) Sequential topology, an input layer first.
 * @throws Error with a one-line reason when the topology is not a Sequential of `{class_name, config}` layers.
 */
export function fromTfjsTopology(topology: unknown): { name: string | undefined; layers: LayerSpec[] } {
  let t = topology as Record<string, unknown> | null;
  if (t && typeof t === 'object' && t['model_config']) t = t['model_config'] as Record<string, unknown>;
  if (!t || typeof t !== 'object' || t['class_name'] !== 'Sequential') {
    throw new Error(`modelTopology must be a Sequential model, found class_name ${JSON.stringify(t?.['class_name'])}`);
  }
  const cfg = t['config'] as Record<string, unknown> | unknown[] | undefined;
  const list = Array.isArray(cfg) ? cfg : cfg?.['layers'];
  if (!Array.isArray(list)) throw new Error('modelTopology.config.layers must be a list');
  list.forEach((raw, i) => {
    const l = raw as Partial<TfjsLayerJson> | null;
    if (!l || typeof l.class_name !== 'string' || !l.config || typeof l.config !== 'object') {
      throw new Error(`modelTopology layer ${i} must be {class_name, config}`);
    }
  });
  const specs: LayerSpec[] = [];
  mergeDropConnect(list as TfjsLayerJson[]).forEach((l, i) => {
    const shape = (l.config['batch_input_shape'] ?? l.config['batch_shape']) as unknown[] | undefined;
    if (i === 0) {
      if (!Array.isArray(shape)) throw new Error(`modelTopology layer 0 (${l.class_name}) has no batch_input_shape`);
      const input: LayerConfig = { shape: shape.slice(1) };
      if (l.class_name === 'InputLayer' && typeof l.config['name'] === 'string') input.name = l.config['name'];
      specs.push({ className: 'InputLayer', config: input });
      if (l.class_name === 'InputLayer') return;
    }
    specs.push(layerFromTfjs(l));
  });
  const name = Array.isArray(cfg) ? undefined : cfg?.['name'];
  return { name: typeof name === 'string' ? name : undefined, layers: specs };
}
