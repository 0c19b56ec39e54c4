/**
 * A sequential model: a stack of layers, each reading the one before it, as Keras' `Sequential`.
 * It is the chain case of {@link Model}, which holds everything a model does.
 */
import type { Layer } from '../parts/layer.js';
import { InvalidArgumentError } from '../errors.js';
import { Model, type SequentialOptions } from './model.js';

export { SEQUENTIAL_OPTIONS, type CompileOptions, type SequentialOptions } from './model.js';

export class Sequential extends Model {
  constructor(layers: Layer[] = [], options: SequentialOptions = {}) {
    super(layers, options);
  }
}

/** A sequential model of `layers`, the first one `input({ shape })`. */
export function sequential(layers: Layer[] = [], options: SequentialOptions = {}): Sequential {
  if (!Array.isArray(layers)) throw new InvalidArgumentError('sequential: layers must be an array of layers');
  return new Sequential(layers, options);
}
