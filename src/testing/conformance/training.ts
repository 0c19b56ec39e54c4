/** Conformance of a whole training run: the backend lands where the reference backend does. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend } from '../../kernels/backend.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import { sequential } from '../../models/sequential.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { gaussianNoise } from '../../noise/gaussian-noise.js';
import { adam } from '../../optimizers/adam.js';
import { Tensor } from '../../tensor/tensor.js';
import { Xoshiro128 } from '../../random/xoshiro.js';

const FEATURES = 32;
const CLASSES = 10;

/** Overlapping Gaussian clusters, one per class: learnable, but not to 100%. */
function clusters(count: number, seed: number): [Tensor, Tensor] {
  const centers = new Xoshiro128(7);
  const c = Float32Array.from({ length: CLASSES * FEATURES }, () => centers.normal() * 0.6);
  const g = new Xoshiro128(seed);
  const x = new Float32Array(count * FEATURES);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = g.int(CLASSES);
    y[i] = label;
    for (let j = 0; j < FEATURES; j++) x[i * FEATURES + j] = c[label * FEATURES + j]! + g.normal();
  }
  return [new Tensor(x, [count, FEATURES]), new Tensor(y, [count])];
}

async function train(backend: Backend): Promise<{ accuracy: number; loss: number }> {
  const model = sequential(
    [input({ shape: [FEATURES] }), gaussianNoise({ stddev: 0.1 }), dense({ units: 64, activation: 'relu' }), dense({ units: CLASSES, activation: 'softmax' })],
    { backend },
  );
  model.compile({ optimizer: adam({ learningRate: 0.003 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const [x, y] = clusters(1200, 1); // 1200 = 37 batches of 32 + a partial batch of 16
  const [vx, vy] = clusters(600, 2);
  const history = await model.fit(x, y, { epochs: 4, batchSize: 32, seed: 5, validationData: [vx, vy] });
  const last = history.history;
  return { accuracy: last.val_accuracy!.at(-1)!, loss: last.val_loss!.at(-1)! };
}

/** Registers the training comparison. */
export function trainingTests(get: () => Backend): void {
  it('a short training run reaches the reference backend accuracy', async () => {
    const mine = await train(get());
    const ref = await train(createRefBackend('float32'));
    assert.ok(ref.accuracy > 0.5, `reference accuracy ${ref.accuracy} too low for a meaningful comparison`);
    assert.ok(Math.abs(mine.accuracy - ref.accuracy) <= 0.03, `val accuracy ${mine.accuracy} vs reference ${ref.accuracy}`);
    assert.ok(Math.abs(mine.loss - ref.loss) <= 0.05 * ref.loss, `val loss ${mine.loss} vs reference ${ref.loss}`);
  });
}
