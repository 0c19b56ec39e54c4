/**
 * The weights a model spec declares, by name and shape, found without allocating them: the model
 * is built on a backend whose buffers are empty. A loader compares them with the weights
 * manifest before building the model for real, so a crafted `model.json` (a layer of a billion
 * units) is refused before anything large is allocated.
 */
import type { Backend } from '../kernels/backend.js';
import type { NamedShape } from './weights.js';

/** A backend that hands out empty buffers: enough to build layers, nothing to compute with. */
const SHAPES_ONLY = {
  name: 'shapes-only',
  dtype: 'float32',
  alloc: () => new Float32Array(0),
} as unknown as Backend;

/** The `params()` names and shapes of the model `build` makes on a backend that allocates nothing. */
export function plannedWeights(build: (backend: Backend) => { params(): readonly NamedShape[] }): NamedShape[] {
  return build(SHAPES_ONLY)
    .params()
    .map((p) => ({ name: p.name, shape: [...p.shape] }));
}
