/**
 * Named model specs: `mlp` is the article's multilayer perceptron (hidden dense layers with one
 * activation, then a softmax over the classes), `convnet` Keras' simple MNIST convnet. A preset is a function of the data's sample
 * shape and class count, so one name serves every dataset.
 */
import type { Activation } from '../kernels/backend.js';
import type { ModelSpec } from './model-spec.js';
import type { LayerSpec } from '../parts/definitions.js';
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
 * ResNet-20 (He et al. 2016, "Deep Residual Learning for Image Recognition", section 4.2): a 3x3
 * convolution of 16 filters, then three stages of three basic blocks (two 3x3 convolutions with
 * batch norm, ReLU after the first and after the residual add) of 16, 32 and 64 filters, the
 * first block of the second and third stages halving the image with stride 2; global average
 * pooling and a softmax. Where a block changes the shape, its shortcut is the paper's option B
 * (a strided 1x1 projection with batch norm); elsewhere the identity. Convolutions before batch
 * norm have no bias. Batch norm's moving statistics use momentum 0.9 (PyTorch's default), so
 * short runs evaluate with settled statistics. 272,186 trainable parameters on 28x28 grey images
 * and 10 classes (272,474 on colour ones); any image size and channel count. Every layer is named (`s2b1_conv1`,
 * `s2b1_add`, ...), so residual branches can be found and named.
 */
function resnet(o: PresetOptions): ModelSpec {
  const shape = o.inputShape.length === 2 ? [...o.inputShape, 1] : [...o.inputShape];
  if (shape.length !== 3) throw invalid('model', 'resnet input shape', 'images [height, width, channels] (the dataset has no image geometry)', [...o.inputShape]);
  const layers: LayerSpec[] = [{ className: 'InputLayer', config: { shape, name: 'input' } }];
  const conv = (name: string, filters: number, kernel: number, stride: number, inputs: string): void => {
    layers.push({ className: 'Conv2D', config: { filters, kernelSize: [kernel, kernel], strides: [stride, stride], padding: 'same', useBias: false, kernelInitializer: 'heNormal', name }, inputs: [inputs] });
  };
  const bn = (name: string): void => {
    layers.push({ className: 'BatchNormalization', config: { momentum: 0.9, name } });
  };
  const relu = (name: string): void => {
    layers.push({ className: 'ReLU', config: { name } });
  };
  conv('stem_conv', 16, 3, 1, 'input');
  bn('stem_bn');
  relu('stem_relu');
  let last = 'stem_relu';
  let channels = 16;
  [16, 32, 64].forEach((filters, stage) => {
    for (let block = 0; block < 3; block++) {
      const id = `s${stage + 1}b${block + 1}`;
      const stride = stage > 0 && block === 0 ? 2 : 1;
      conv(`${id}_conv1`, filters, 3, stride, last);
      bn(`${id}_bn1`);
      relu(`${id}_relu1`);
      conv(`${id}_conv2`, filters, 3, 1, `${id}_relu1`);
      bn(`${id}_bn2`);
      let shortcut = last;
      if (stride !== 1 || channels !== filters) {
        conv(`${id}_proj`, filters, 1, stride, last);
        bn(`${id}_proj_bn`);
        shortcut = `${id}_proj_bn`;
      }
      layers.push({ className: 'Add', config: { name: `${id}_add` }, inputs: [`${id}_bn2`, shortcut] });
      relu(`${id}_out`);
      last = `${id}_out`;
      channels = filters;
    }
  });
  layers.push({ className: 'GlobalAveragePooling2D', config: { name: 'pool' }, inputs: [last] });
  layers.push({ className: 'Dense', config: { units: o.classes, activation: o.output ?? 'softmax', name: 'classifier' } });
  return { name: 'resnet20', layers };
}

/**
 * The presets by name, with a line each for help texts, and the noise a preset holds of its own
 * (`ownNoise`: what it is called, e.g. `dropout`; absent for a preset without noise).
 */
export const MODEL_PRESETS: Readonly<Record<string, { summary: string; spec: (o: PresetOptions) => ModelSpec; ownNoise?: string }>> = {
  mlp: { summary: "the article's MLP: hidden dense layers (default 128,64 relu), softmax output", spec: mlp },
  convnet: { summary: 'Keras\' "Simple MNIST convnet": conv 32 3x3 relu, max-pool 2, conv 64 3x3 relu, max-pool 2, flatten, dropout 0.5, softmax', spec: convnet, ownNoise: 'dropout' },
  resnet: { summary: 'ResNet-20 (He et al. 2016): 3 stages of 3 residual blocks, 16/32/64 filters, batch norm, projection shortcuts, global average pooling, softmax', spec: resnet },
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
