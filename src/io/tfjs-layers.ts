/**
 * One layer to and from the TensorFlow.js topology, by its declaration (`tfjs` of its
 * {@link LayerDefinition}): a custom converter when it declares one (Dense), otherwise its
 * options with keys in snake_case and noise levels as numbers. TF.js takes a number, so a
 * scheduled level (`{ from, to, ... }`) is written as the level training ends at (`to`):
 * continuing training in TF.js resumes with the noise the model last saw, and it is the level
 * DropConnect's inference rule uses. The `noisenet` key of model.json keeps the full schedule.
 * Layers TF.js lacks (MaskingNoise, SaltAndPepperNoise, UniformNoise) are written under their
 * own class names, so such a topology loads in TF.js once those classes are registered there.
 */
import type { Layer, LayerConfig } from '../parts/layer.js';
import type { LayerDefinition, LayerSpec, TfjsLayerJson } from '../parts/definitions.js';
import { LAYER_DEFINITIONS } from '../registry/catalogue.js';
import { findLayer } from '../registry/lookup.js';
import { camel, snake, tfjsLevel } from '../layers/tfjs-names.js';
import { ACTIVATION_SUFFIX, DROPCONNECT_SUFFIX } from '../layers/dense-tfjs.js';
import { LEAKY_SLOPE } from '../kernels/ref/activations.js';

/** Keys tfjs adds to every layer config that noisenet layer options do not take. */
const TFJS_ONLY = new Set(['trainable', 'dtype', 'batch_input_shape', 'batch_shape', 'batch_size', 'input_dim', 'sparse', 'ragged']);

/** The tfjs layer(s) of a noisenet layer. */
export function layerToTfjs(layer: Layer): TfjsLayerJson | TfjsLayerJson[] {
  const config = layer.getConfig();
  const d = findLayer(layer.className);
  if (d?.tfjs.toTfjs) return d.tfjs.toTfjs(config);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) if (k !== 'name') out[snake(k)] = tfjsLevel(v);
  return { class_name: d?.tfjs.className ?? layer.className, config: out };
}

/** The definition a tfjs class name stands for: the layer declaring it as its tfjs class, or one of that class name. */
function definitionOfTfjs(className: string): LayerDefinition | undefined {
  return LAYER_DEFINITIONS.find((d) => d.tfjs.className === className) ?? findLayer(className);
}

/** The noisenet layer of a tfjs layer (an unknown class keeps its name and camelCase keys, for the loader to refuse or a registered class to take). */
export function layerFromTfjs(l: TfjsLayerJson): LayerSpec {
  const d = definitionOfTfjs(l.class_name);
  let spec: LayerSpec;
  if (d?.tfjs.fromTfjs) spec = d.tfjs.fromTfjs(l.config);
  else {
    const config: LayerConfig = {};
    for (const [k, v] of Object.entries(l.config)) {
      const key = camel(k);
      if (TFJS_ONLY.has(k) || k === 'name' || (d && !(key in d.options))) continue;
      config[key] = v;
    }
    spec = { className: d?.className ?? l.class_name, config };
  }
  if (typeof l.config['name'] === 'string') spec.config.name = l.config['name'];
  return spec;
}

/** The kernel layers whose DropConnect is written as a Rescaling (and Activation) after them. */
const DROPCONNECT_LAYERS = new Set(['Dense', 'Conv2D']);

/**
 * Undoes the kernel layers' export: a linear Dense (or Conv2D) followed by its `<name>_dropconnect`
 * Rescaling and/or its `<name>_activation` layer (an Activation, or the LeakyReLU of slope 0.2
 * that stands for noisenet's `leakyRelu`) becomes one layer, with `dropConnect: { rate: 1 - scale }`.
 */
export function mergeDropConnect(layers: readonly TfjsLayerJson[]): TfjsLayerJson[] {
  const out: TfjsLayerJson[] = [];
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i]!;
    const name = l.config['name'];
    if (!DROPCONNECT_LAYERS.has(l.class_name) || (l.config['activation'] ?? 'linear') !== 'linear') {
      out.push(l);
      continue;
    }
    let j = i;
    const config: Record<string, unknown> = { ...l.config };
    const scale = layers[j + 1];
    if (scale?.class_name === 'Rescaling' && scale.config['name'] === `${name}${DROPCONNECT_SUFFIX}`) {
      config['drop_connect'] = { rate: Number((1 - Number(scale.config['scale'])).toPrecision(15)) };
      j++;
    }
    const act = layers[j + 1];
    if (act?.config['name'] === `${name}${ACTIVATION_SUFFIX}`) {
      if (act.class_name === 'Activation') config['activation'] = act.config['activation'];
      else if (act.class_name === 'LeakyReLU' && Math.abs(Number(act.config['alpha']) - LEAKY_SLOPE) < 1e-7) config['activation'] = 'leaky_relu';
      if (config['activation'] !== (l.config['activation'] ?? 'linear')) j++;
    }
    out.push(j === i ? l : { class_name: l.class_name, config });
    i = j;
  }
  return out;
}
