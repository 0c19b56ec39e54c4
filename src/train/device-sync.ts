/**
 * Host copies of a model's state on a backend whose buffers live on a device (see
 * `DeviceMemory`): after training steps, weights, batch norm's moving statistics and the
 * optimizer's slots are current on the device only; `downloadState` makes their host arrays
 * current before host code reads them (the finite-weights check, callbacks, checkpoints,
 * `getWeights`, saving). Nothing to do on a host backend.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { Trainable } from './trainable.js';

/** Every buffer of `model`'s state: each layer's weights, then the optimizer's slots. */
export function stateBuffers(model: Trainable): FloatArray[] {
  const buffers = model.layers.flatMap((l) => l.weights().map((w) => w.value));
  if (model.optimizer) buffers.push(...model.optimizer.stateBuffers());
  return buffers;
}

/** Resolves once the host arrays of `model`'s weights and optimizer state hold the device's values. */
export async function downloadState(model: Trainable): Promise<void> {
  const device = model.backend.device;
  if (device) await device.download(stateBuffers(model));
}
