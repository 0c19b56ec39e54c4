/** The target values of a batch, for the losses that take values rather than class indices. */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import { ShapeError } from '../errors.js';

/** The values of `targets`; throws when they are class indices. */
export function denseTargets(loss: string, targets: BatchTargets): FloatArray {
  if (targets.kind !== 'dense') throw new ShapeError(`${loss}: expects target rows of values, received class indices`);
  return targets.values;
}
