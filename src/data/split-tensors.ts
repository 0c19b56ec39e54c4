/** A split of a {@link LoadedData} as the tensors `fit`, `evaluate` and `predict` take. */
import { Tensor } from '../tensor/tensor.js';
import type { DataSplit, LoadedData } from './loaded-data.js';
import type { ImageSplit } from './types.js';

/**
 * `x`: `[count, ...sampleShape]` (bytes scaled by `xScale`, no copy); `y`: `[count]` class
 * indices or target values.
 */
export function splitTensors(data: Pick<LoadedData, 'sampleShape' | 'xScale'>, split: DataSplit): { x: Tensor; y: Tensor } {
  return { x: new Tensor(split.x, [split.count, ...data.sampleShape], data.xScale), y: new Tensor(split.y, [split.count]) };
}

/**
 * The images of a split as a [count, height, width, 1] byte tensor scaled to [0, 1]: a
 * convolutional model takes them as they are, a dense one (input [height * width]) reads the
 * same bytes as rows of height * width values.
 */
export function imagesOf(split: ImageSplit): Tensor {
  return new Tensor(split.images, [split.count, split.height, split.width, 1], 1 / 255);
}

/** The labels of a split as a [count] tensor of class indices. */
export function labelsOf(split: ImageSplit): Tensor {
  return new Tensor(split.labels, [split.count]);
}
