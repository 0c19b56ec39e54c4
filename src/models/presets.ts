/**
 * Named model specs: `mlp` is the article's multilayer perceptron (hidden dense layers with one
 * activation, then a softmax over the classes). A preset is a function of the data's sample
 * shape and class count, so one name serves every dataset.
 */
import type { Activation } from '../kernels/backend.js';
import type { ModelSpec } from './model-spec.js';
import { invalid } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../schema/option-keys.js';

/** What a preset is sized by, and its own options. */
export interface PresetOptions {
  /** Shape of one input sample, e.g. `[784]`. */
  inputShape: readonly number[];
  /** Number of classes: the width of the softmax output. */
  classes: number;
  /** Widths of the hidden dense layers; default `[128, 64]`. */
  hidden?: readonly number[];
  /** Activation of the hidden layers; default `relu`. */
  activation?: Activation;
}

const PRESET_OPTIONS = optionKeys<PresetOptions>({ inputShape: true, classes: true, hidden: true, activation: true });

/** `input -> dense(h, activation)... -> dense(classes, softmax)`. */
function mlp(o: PresetOptions): ModelSpec {
  const inputSize = o.inputShape.reduce((a, b) => a * b, 1);
  const activation = o.activation ?? 'relu';
  return {
    layers: [
      { className: 'InputLayer', config: { shape: [inputSize] } },
      ...(o.hidden ?? [128, 64]).map((units) => ({ className: 'Dense', config: { units, activation } })),
      { className: 'Dense', config: { units: o.classes, activation: 'softmax' } },
    ],
  };
}

/** The presets by name, with a line each for help texts. */
export const MODEL_PRESETS: Readonly<Record<string, { summary: string; spec: (o: PresetOptions) => ModelSpec }>> = {
  mlp: { summary: "the article's MLP: hidden dense layers (default 128,64 relu), softmax output", spec: mlp },
};

/** The spec of preset `name` for data of `options.inputShape` and `options.classes`. */
export function presetSpec(name: string, options: PresetOptions): ModelSpec {
  checkOptionKeys('presetSpec', options, PRESET_OPTIONS);
  const preset = MODEL_PRESETS[name];
  if (!preset) throw invalid('model', 'preset', `one of ${Object.keys(MODEL_PRESETS).join(', ')} (or a model spec file)`, name);
  return preset.spec(options);
}
