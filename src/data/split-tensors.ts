/** A split of a {@link LoadedData} as the tensors `fit`, `evaluate` and `predict` take. */
import { Tensor } from '../tensor/tensor.js';
import type { DataSplit, LoadedData } from './loaded-data.js';

/**
 * `x`: `[count, ...sampleShape]` (bytes scaled by `xScale`, no copy); `y`: `[count]` class
 * indices or target values.
 */
export function splitTensors(data: Pick<LoadedData, 'sampleShape' | 'xScale'>, split: DataSplit): { x: Tensor; y: Tensor } {
  return { x: new Tensor(split.x, [split.count, ...data.sampleShape], data.xScale), y: new Tensor(split.y, [split.count]) };
}
