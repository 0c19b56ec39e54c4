/**
 * The TensorFlow.js side of a saved model: noisenet layers to and from the Keras/tfjs
 * `modelTopology` (`class_name`, snake_case `config`, `batch_input_shape` on the first layer).
 * Dense, the noise layers tfjs has (GaussianNoise, GaussianDropout, Dropout, AlphaDropout) and
 * InputLayer have exact converters (see tfjs-layers.ts: scheduled levels, DropConnect); any other
 * layer is written with its config keys turned to snake_case and read back with them turned to
 * camelCase.
 */
import type { Sequential } from '../models/sequential.js';
import type { Layer, LayerConfig } from '../layers/layer.js';
import { InputLayer } from '../layers/input.js';
import { BUILT_IN_CONVERTERS, camel, mergeDropConnect, snake } from './tfjs-layers.js';

/** One layer of a tfjs topology. */
export interface TfjsLayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

/** A noisenet layer as `layerFromConfig` takes it. */
export interface LayerSpec {
  className: string;
  config: LayerConfig;
}

/** How one layer class maps to and from TensorFlow.js. */
export interface TfjsLayerConverter {
  /**
   * The tfjs class and snake_case config (without `name`, `trainable`, `dtype`, `batch_input_shape`);
   * a list when one noisenet layer needs several tfjs layers: the first gets the layer's name
   * (and its weights), the others must carry their own `name`.
   */
  toTfjs?(config: LayerConfig): TfjsLayerJson | TfjsLayerJson[];
  /** The noisenet class and config from a tfjs config (its `name` is copied over afterwards). */
  fromTfjs?(config: Record<string, unknown>): LayerSpec;
}

/** Keys tfjs adds to every layer config that noisenet layer options do not take. */
const TFJS_ONLY = new Set(['trainable', 'dtype', 'batch_input_shape', 'batch_shape', 'batch_size', 'input_dim', 'sparse', 'ragged']);

const converters = new Map<string, TfjsLayerConverter>(BUILT_IN_CONVERTERS);

/** Sets how a layer class is written to and read from the tfjs topology (by default: keys in snake_case). */
export function registerTfjsConverter(className: string, converter: TfjsLayerConverter): void {
  converters.set(className, converter);
}

/** The tfjs `modelTopology` of a built sequential model: every layer but the input, the first with `batch_input_shape`. */
export function toTfjsTopology(model: Sequential, version: string): Record<string, unknown> {
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

function layerToTfjs(layer: Layer): TfjsLayerJson | TfjsLayerJson[] {
  const config = layer.getConfig();
  const convert = converters.get(layer.className)?.toTfjs;
  if (convert) return convert(config);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) if (k !== 'name') out[snake(k)] = v;
  return { class_name: layer.className, config: out };
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

function layerFromTfjs(l: TfjsLayerJson): LayerSpec {
  const convert = converters.get(l.class_name)?.fromTfjs;
  let spec: LayerSpec;
  if (convert) {
    spec = convert(l.config);
  } else {
    const config: LayerConfig = {};
    for (const [k, v] of Object.entries(l.config)) if (!TFJS_ONLY.has(k) && k !== 'name') config[camel(k)] = v;
    spec = { className: l.class_name, config };
  }
  if (typeof l.config['name'] === 'string') spec.config.name = l.config['name'];
  return spec;
}
