/** The targets a model of an experiment trains and is scored on, from the data's class labels. */
import type { Sequential } from '../models/sequential.js';
import { Tensor } from '../tensor/tensor.js';
import { labelsOfTensor } from './noisy-batches.js';

/**
 * The targets `model` trains on: the labels as they are for a sparse loss, one-hot rows of
 * `classes` values for a dense one (categorical cross-entropy, mean squared error).
 */
export function runTargets(model: Sequential, y: Tensor, classes: number): Tensor {
  // Class indices stay as they are for a sparse loss, a one-output model (binary 0/1, or a regression's values) and rows already given.
  if (model.loss?.sparse !== false || y.shape.length > 1 || model.outputShape.reduce((a, b) => a * b, 1) === 1) return y;
  const labels = labelsOfTensor(y, y.count);
  const hot = new Float32Array(y.count * classes);
  for (let i = 0; i < labels.length; i++) hot[i * classes + labels[i]!] = 1;
  return new Tensor(hot, [y.count, classes]);
}
