/**
 * The TensorFlow.js side of a saved model: noisenet layers to and from the Keras/tfjs
 * `modelTopology` (`class_name`, snake_case `config`, `batch_input_shape` on the first layer).
 * Each layer is converted by its declaration (see tfjs-layers.ts). A stack is a `Sequential`;
 * a graph is a functional `Model` whose layers name the layers they read (`inbound_nodes`).
 */
import type { LayerSpec, TfjsLayerJson } from '../parts/definitions.js';
import type { Layer, LayerConfig } from '../parts/layer.js';
import { InputLayer } from '../layers/input.js';
import { layerFromTfjs, layerToTfjs, mergeDropConnect } from './tfjs-layers.js';

export type { LayerSpec, TfjsLayerJson };

/** What the topology reads of a model: its layers and, for a graph, the layers each one reads. */
export interface TopologyModel {
  readonly name: string;
  readonly layers: readonly Layer[];
  readonly isGraph?: boolean;
  inboundNames?(i: number): string[];
}

/** The tfjs `modelTopology` of a built model: a Sequential of every layer but the input (the first with `batch_input_shape`), or a functional Model for a graph. */
export function toTfjsTopology(model: TopologyModel, version: string): Record<string, unknown> {
  if (model.isGraph && model.inboundNames) return toFunctionalTopology(model, version);
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
  if (t && typeof t === 'object' && (t['class_name'] === 'Model' || t['class_name'] === 'Functional')) return fromFunctionalTopology(t);
  if (!t || typeof t !== 'object' || t['class_name'] !== 'Sequential') {
    throw new Error(`modelTopology must be a Sequential or a functional Model, found class_name ${JSON.stringify(t?.['class_name'])}`);
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

/** A graph as a tfjs functional `Model`: every layer with its `inbound_nodes`, then the input and output layers. */
function toFunctionalTopology(model: TopologyModel, version: string): Record<string, unknown> {
  const layers: Record<string, unknown>[] = [];
  /** The tfjs layer whose output stands for each noisenet layer's (the last of those it became). */
  const outputOf: string[] = [];
  model.layers.forEach((layer, i) => {
    if (layer instanceof InputLayer) {
      layers.push({ class_name: 'InputLayer', name: layer.name, inbound_nodes: [], config: { batch_input_shape: [null, ...layer.shape], dtype: 'float32', sparse: false, name: layer.name } });
      outputOf.push(layer.name);
      return;
    }
    const converted = layerToTfjs(layer);
    let inbound = model.inboundNames!(i).map((name) => outputOf[model.layers.findIndex((l) => l.name === name)]!);
    (Array.isArray(converted) ? converted : [converted]).forEach(({ class_name, config }, j) => {
      const name = j === 0 ? layer.name : String(config['name']);
      layers.push({ class_name, name, inbound_nodes: [inbound.map((from) => [from, 0, 0, {}])], config: { ...config, name, trainable: true, dtype: 'float32' } });
      inbound = [name];
    });
    outputOf.push(inbound[0]!);
  });
  const config = { name: model.name, layers, input_layers: [[model.layers[0]!.name, 0, 0]], output_layers: [[outputOf[outputOf.length - 1]!, 0, 0]] };
  return { class_name: 'Model', config, keras_version: `noisenet ${version}`, backend: 'tensor_flow.js' };
}

/**
 * The noisenet graph of a tfjs (or Keras 2) functional model: each layer with the names of the
 * layers it reads. A kernel layer exported as several tfjs layers becomes one again.
 * @throws Error with a one-line reason when a layer is not `{class_name, config, inbound_nodes}` or is shared.
 */
function fromFunctionalTopology(t: Record<string, unknown>): { name: string | undefined; layers: LayerSpec[] } {
  const cfg = t['config'] as Record<string, unknown> | undefined;
  const list = cfg?.['layers'];
  if (!Array.isArray(list)) throw new Error('modelTopology.config.layers must be a list');
  const inboundOf = new Map<string, string[]>();
  list.forEach((raw, i) => {
    const l = raw as (Partial<TfjsLayerJson> & { name?: unknown; inbound_nodes?: unknown }) | null;
    if (!l || typeof l.class_name !== 'string' || !l.config || typeof l.config !== 'object') throw new Error(`modelTopology layer ${i} must be {class_name, config}`);
    const name = typeof l.name === 'string' ? l.name : l.config['name'];
    if (typeof name !== 'string') throw new Error(`modelTopology layer ${i} (${l.class_name}) has no name`);
    l.config['name'] = name;
    const nodes = l.inbound_nodes;
    if (!Array.isArray(nodes) || nodes.length > 1) throw new Error(`modelTopology layer '${name}': expected inbound_nodes of one node (noisenet does not share layers), found ${JSON.stringify(nodes)}`);
    const node = (nodes[0] ?? []) as unknown[];
    inboundOf.set(name, node.map((e, k) => {
      if (!Array.isArray(e) || typeof e[0] !== 'string') throw new Error(`modelTopology layer '${name}': inbound node ${k} must be [layer name, node, tensor, kwargs]`);
      return e[0];
    }));
  });
  const merged = mergeDropConnect(list as TfjsLayerJson[]);
  const kept = new Set(merged.map((l) => String(l.config['name'])));
  /** Layers folded into the kernel layer before them stand for it. */
  const standsFor = new Map<string, string>();
  let last = '';
  for (const l of list as TfjsLayerJson[]) {
    const name = String(l.config['name']);
    if (kept.has(name)) last = name;
    else standsFor.set(name, last);
  }
  const specs: LayerSpec[] = merged.map((l) => {
    const name = String(l.config['name']);
    if (l.class_name === 'InputLayer') {
      const shape = (l.config['batch_input_shape'] ?? l.config['batch_shape']) as unknown[] | undefined;
      if (!Array.isArray(shape)) throw new Error(`modelTopology layer '${name}' (InputLayer) has no batch_input_shape`);
      return { className: 'InputLayer', config: { shape: shape.slice(1), name } };
    }
    const spec = layerFromTfjs(l);
    spec.inputs = inboundOf.get(name)!.map((from) => standsFor.get(from) ?? from);
    return spec;
  });
  const name = cfg?.['name'];
  return { name: typeof name === 'string' ? name : undefined, layers: specs };
}
