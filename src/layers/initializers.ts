/** Weight initialisers (Glorot & Bengio 2010; He et al. 2015), drawn from the init generator. */
import type { FloatArray } from '../kernels/backend.js';
import type { Xoshiro128 } from '../random/xoshiro.js';

export const INITIALIZERS = ['glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'zeros'] as const;
export type Initializer = (typeof INITIALIZERS)[number];

/** Fills `out` for a kernel with `fanIn` inputs and `fanOut` outputs. */
export function initialize(kind: Initializer, out: FloatArray, fanIn: number, fanOut: number, rng: Xoshiro128): void {
  switch (kind) {
    case 'zeros':
      out.fill(0);
      return;
    case 'glorotUniform':
      return uniform(out, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'heUniform':
      return uniform(out, Math.sqrt(6 / fanIn), rng);
    case 'glorotNormal':
      return truncatedNormal(out, Math.sqrt(2 / (fanIn + fanOut)), rng);
    case 'heNormal':
      return truncatedNormal(out, Math.sqrt(2 / fanIn), rng);
  }
}

function uniform(out: FloatArray, limit: number, rng: Xoshiro128): void {
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * limit;
}

/** Keras' variance-scaling normal: truncated at two standard deviations, rescaled to keep the variance. */
function truncatedNormal(out: FloatArray, std: number, rng: Xoshiro128): void {
  const s = std / 0.87962566103423978;
  for (let i = 0; i < out.length; i++) {
    let z: number;
    do z = rng.normal();
    while (Math.abs(z) > 2);
    out[i] = z * s;
  }
}
