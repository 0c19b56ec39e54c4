/**
 * The weights a model spec declares, by name and shape, found without allocating them: the model
 * is built on a backend whose buffers are empty. A loader compares them with the weights
 * manifest before building the model for real, so a crafted `model.json` (a layer of a billion
 * units) is refused before anything large is allocated.
 */
import type { Backend } from '../kernels/backend.js';
import type { NamedShape } from './weights.js';

/**
 * A backend that hands out empty buffers and whose kernels do nothing: enough to build layers
 * (which may fill their new buffers, as batch normalization does), nothing to compute with.
 */
const SHAPES_ONLY = new Proxy({ name: 'shapes-only', dtype: 'float32', alloc: () => new Float32Array(0) } as Record<string | symbol, unknown>, {
  get: (target, key) => (key in target ? target[key] : () => 0),
}) as unknown as Backend;

/** The `weights()` names and shapes (trainable and state) of the model `build` makes on a backend that allocates nothing. */
export function plannedWeights(build: (backend: Backend) => { weights(): readonly NamedShape[] }): NamedShape[] {
  return build(SHAPES_ONLY)
    .weights()
    .map((p) => ({ name: p.name, shape: [...p.shape] }));
}
