import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropout, gaussianDropout, gaussianNoise, input, sequential, uniformNoise, type Layer } from '../../index.js';
import type { Backend } from '../backend.js';
import { createBackend } from '../registry.js';

const SIZE = 50;
const BATCH = 4;

/** The input rows: a few levels in [-1.5, 1.5], no zeros. */
const X = Float32Array.from({ length: BATCH * SIZE }, (_, i) => ((i % 13) - 6.5) / 4);

/** The training-mode output for X of a fresh `make()` in a built `sequential([input, layer])` on `backend`, seeded with 7. */
function noisyOutput(make: () => Layer, backend: Backend): Float32Array {
  const model = sequential([input({ shape: [SIZE] }), make()], { backend });
  model.build();
  const layer = model.layers[1]!;
  layer.seedRandom(7);
  const x = backend.alloc(X.length);
  x.set(X);
  return Float32Array.from(layer.forward(x, BATCH, { training: true, step: 0, epoch: 0 }));
}

const LAYERS: [string, () => Layer][] = [
  ['gaussianNoise({ stddev: 0.3 })', () => gaussianNoise({ stddev: 0.3 })],
  ['dropout({ rate: 0.5 })', () => dropout({ rate: 0.5 })],
  ['gaussianDropout({ rate: 0.3 })', () => gaussianDropout({ rate: 0.3 })],
  ['uniformNoise({ amplitude: 0.1 })', () => uniformNoise({ amplitude: 0.1 })],
];

test('noise layers give bit-identical training outputs on ref and wasm for the same seed', () => {
  const ref = createBackend('ref');
  const wasm = createBackend('wasm', { threads: 1 });
  try {
    for (const [name, make] of LAYERS) {
      const a = noisyOutput(make, ref);
      const b = noisyOutput(make, wasm);
      assert.ok(a.filter((v, i) => v !== X[i]).length > X.length / 3, `${name} changed the input`);
      assert.deepEqual(new Uint32Array(a.buffer), new Uint32Array(b.buffer), name);
    }
  } finally {
    ref.dispose();
    wasm.dispose();
  }
});
