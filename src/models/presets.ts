/**
 * Named model specs: `mlp` is the article's multilayer perceptron (hidden dense layers with one
 * activation, then a softmax over the classes), `convnet` Keras' simple MNIST convnet. A preset is a function of the data's sample
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
  /**
   * Keep the preset's own noise layers (the convnet's Dropout 0.5); default true. A comparison's
   * baseline is built without them, so that it trains without any noise.
   */
  ownNoise?: boolean;
  /** The output layer's activation: `softmax` over the classes (default), `sigmoid` (binary) or `linear` (regression), each of `classes` units. */
  output?: 'softmax' | 'sigmoid' | 'linear';
}

const PRESET_OPTIONS = optionKeys<PresetOptions>({ inputShape: true, classes: true, hidden: true, activation: true, ownNoise: true, output: true });

/** `input -> dense(h, activation)... -> dense(classes, softmax)`. */
function mlp(o: PresetOptions): ModelSpec {
  const inputSize = o.inputShape.reduce((a, b) => a * b, 1);
  const activation = o.activation ?? 'relu';
  return {
    layers: [
      { className: 'InputLayer', config: { shape: [inputSize] } },
      ...(o.hidden ?? [128, 64]).map((units) => ({ className: 'Dense', config: { units, activation } })),
      { className: 'Dense', config: { units: o.classes, activation: o.output ?? 'softmax' } },
    ],
  };
}

/**
 * Keras' "Simple MNIST convnet" (keras-io examples/vision/mnist_convnet.py): Conv2D 32 3x3 relu,
 * MaxPooling 2, Conv2D 64 3x3 relu, MaxPooling 2, Flatten, Dropout 0.5, Dense softmax; 34,826
 * parameters on 28x28 grayscale images and 10 classes. Images of [height, width] get one channel.
 */
function convnet(o: PresetOptions): ModelSpec {
  const shape = o.inputShape.length === 2 ? [...o.inputShape, 1] : [...o.inputShape];
  if (shape.length !== 3) throw invalid('model', 'convnet input shape', 'images [height, width, channels] (the dataset has no image geometry)', [...o.inputShape]);
  // Two 3x3 convolutions ('valid') and two 2x2 poolings leave at least one pixel from 10x10 up.
  if (shape[0]! < 10 || shape[1]! < 10) throw invalid('model', 'convnet input shape', 'images of at least 10x10 pixels (two 3x3 convolutions and two 2x2 poolings); use --image-size or the mlp', [...o.inputShape]);
  return {
    layers: [
      { className: 'InputLayer', config: { shape } },
      { className: 'Conv2D', config: { filters: 32, kernelSize: [3, 3], activation: 'relu' } },
      { className: 'MaxPooling2D', config: { poolSize: [2, 2] } },
      { className: 'Conv2D', config: { filters: 64, kernelSize: [3, 3], activation: 'relu' } },
      { className: 'MaxPooling2D', config: { poolSize: [2, 2] } },
      { className: 'Flatten', config: {} },
      ...(o.ownNoise === false ? [] : [{ className: 'Dropout', config: { rate: 0.5 } }]),
      { className: 'Dense', config: { units: o.classes, activation: o.output ?? 'softmax' } },
    ],
  };
}

/**
 * The presets by name, with a line each for help texts, and the noise a preset holds of its own
 * (`ownNoise`: what it is called, e.g. `dropout`; absent for a preset without noise).
 */
export const MODEL_PRESETS: Readonly<Record<string, { summary: string; spec: (o: PresetOptions) => ModelSpec; ownNoise?: string }>> = {
  mlp: { summary: "the article's MLP: hidden dense layers (default 128,64 relu), softmax output", spec: mlp },
  convnet: { summary: 'Keras\' "Simple MNIST convnet": conv 32 3x3 relu, max-pool 2, conv 64 3x3 relu, max-pool 2, flatten, dropout 0.5, softmax', spec: convnet, ownNoise: 'dropout' },
};

/** `convnet with its dropout`: the name of preset `name` keeping its own noise; null for a preset without noise of its own (or no preset). */
export function withOwnNoiseName(name: string): string | null {
  const own = Object.hasOwn(MODEL_PRESETS, name) ? MODEL_PRESETS[name]!.ownNoise : undefined;
  return own === undefined ? null : `${name} with its ${own}`;
}

/** The spec of preset `name` for data of `options.inputShape` and `options.classes`. */
export function presetSpec(name: string, options: PresetOptions): ModelSpec {
  checkOptionKeys('presetSpec', options, PRESET_OPTIONS);
  const preset = MODEL_PRESETS[name];
  if (!preset) throw invalid('model', 'preset', `one of ${Object.keys(MODEL_PRESETS).join(', ')} (or a model spec file)`, name);
  return preset.spec(options);
}
