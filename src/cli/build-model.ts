/**
 * The CLI's model: an MLP for flattened images, with Gaussian input noise. Kept apart from the
 * command so noise techniques (a `--noise SPEC` flag) can be added here as more layer options.
 */
import type { Activation } from '../kernels/backend.js';
import type { Layer } from '../layers/layer.js';
import { sequential, type Sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';

export interface BuildModelOptions {
  /** Values per sample, e.g. 784 for 28x28 images. */
  inputSize: number;
  /** Number of classes: the width of the softmax output. */
  classes: number;
  /** Widths of the hidden layers, in order; empty for a softmax regression. */
  hidden: readonly number[];
  /** Activation of every hidden layer. */
  activation: Activation;
  /** Standard deviation of the Gaussian noise added to the inputs in training; 0 adds no noise layer. */
  noiseStddev: number;
}

/** `input(inputSize) -> [gaussianNoise(noiseStddev)] -> dense(h, activation)... -> dense(classes, softmax)`. */
export function buildModel(options: BuildModelOptions): Sequential {
  const layers: Layer[] = [input({ shape: [options.inputSize] })];
  if (options.noiseStddev > 0) layers.push(gaussianNoise({ stddev: options.noiseStddev }));
  for (const units of options.hidden) layers.push(dense({ units, activation: options.activation }));
  layers.push(dense({ units: options.classes, activation: 'softmax' }));
  return sequential(layers);
}
