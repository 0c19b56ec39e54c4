/** Helpers for augmentation tests: a context over a backend. Not part of the public API. */
import type { Backend, FloatArray } from '../kernels/backend.js';
import type { AugmentContext } from '../parts/augmentation.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';

/** A training context for batches of `sampleSize` values and `outputs` targets. */
export function augmentContext(sampleSize: number, outputs: number, backend: Backend = createRefBackend('float64'), step = 0): AugmentContext {
  const buffers = new Map<string, FloatArray>();
  return {
    training: true,
    step,
    epoch: 0,
    backend,
    sampleSize,
    outputs,
    buffer(key, length) {
      const id = `${key}:${length}`;
      let b = buffers.get(id);
      if (!b) buffers.set(id, (b = backend.alloc(length)));
      return b;
    },
  };
}

/** `count` images of `size` values uniform in [0, 1), from a simple deterministic hash. */
export function images(count: number, size: number, seed = 1): Float64Array {
  return Float64Array.from({ length: count * size }, (_, i) => (((i + 1) * 2654435761 + seed * 40503) % 1000) / 1000);
}
