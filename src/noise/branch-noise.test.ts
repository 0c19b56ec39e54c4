/** The noises of residual branches: DropPath, ShakeDrop and Shake-Shake, as layers and as techniques placed on a graph. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dropPath } from './drop-path.js';
import { shakeDrop } from './shake-drop.js';
import { shakeShake } from './shake-shake.js';
import { EVAL, moments, noiseLayerContract, ready, run } from '../testing/noise-harness.js';
import { TRAIN, backend64, numericGradient } from '../testing/gradcheck.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { applyNoiseSpecs } from '../techniques/apply.js';
import { presetSpec } from '../models/presets.js';
import { buildModel } from '../models/model-spec.js';
import { buildRun } from '../run/build-run.js';
import { Tensor } from '../tensor/tensor.js';
import type { Backend, FloatArray } from '../kernels/backend.js';

noiseLayerContract('DropPath', () => dropPath({ rate: 0.4 }), (n) => [n]);

test("dropPath drops whole samples' branches at rate p and scales the kept ones by 1 / (1 - p), the survival probability", () => {
  const [size, batch, p] = [12, 4000, 0.3];
  const layer = ready(dropPath({ rate: p }), [3, 2, 2], 5);
  const y = run(layer, new Float64Array(batch * size).fill(1), batch);
  let dropped = 0;
  for (let s = 0; s < batch; s++) {
    const first = y[s * size]!;
    for (let k = 1; k < size; k++) assert.equal(y[s * size + k], first, 'a sample is kept or dropped whole');
    assert.ok(first === 0 || first === Math.fround(1 / (1 - p)), String(first));
    if (first === 0) dropped++;
  }
  // Binomial standard error sqrt(0.3 * 0.7 / 4000) = 7.2e-3; bound at 5 of them.
  assert.ok(Math.abs(dropped / batch - p) < 5 * 7.3e-3, `drop rate ${dropped / batch}`);
  const dx = layer.backward(Float32Array.from(y, () => 2), batch, true)!;
  y.forEach((v, i) => assert.equal(dx[i], Math.fround(2 * v)));
});

/** Two buffers of `n` values on `backend`, from arrays. */
function buffers(backend: Backend, ...values: ArrayLike<number>[]): FloatArray[] {
  return values.map((v) => {
    const b = backend.alloc(v.length);
    b.set(v);
    return b;
  });
}

test("shakeShake's forward weight is uniform per sample in training, independent of its backward weight, and 0.5 at inference; reproducible from the seed", () => {
  const backend = createRefBackend();
  const [size, batch] = [6, 3000];
  const make = (seed: number) => {
    const l = shakeShake();
    l.buildMerge([[size], [size]], ['a', 'b'], { backend });
    l.seedRandom(seed);
    return l;
  };
  const layer = make(3);
  const [ones, zeros] = buffers(backend, new Float64Array(batch * size).fill(1), new Float64Array(batch * size));
  const y = Float64Array.from(layer.forwardMerge([ones!, zeros!], batch, TRAIN));
  const alpha = Array.from({ length: batch }, (_, s) => y[s * size]!);
  for (let s = 0; s < batch; s++) for (let k = 1; k < size; k++) assert.equal(y[s * size + k], alpha[s], 'one weight per sample');
  const dy = buffers(backend, new Float64Array(batch * size).fill(1))[0]!;
  const [d1, d2] = layer.backwardMerge(dy, batch, [true, true]);
  const beta = Array.from({ length: batch }, (_, s) => d1![s * size]!);
  for (let s = 0; s < batch; s++) assert.ok(Math.abs(d1![s * size]! + d2![s * size]! - 1) < 1e-6, 'backward weights are c and 1 - c');
  // U[0, 1]: mean 1/2, variance 1/12; standard errors 5.3e-3 and 1.6e-3 at 3000 samples.
  for (const [name, v] of [['forward', alpha], ['backward', beta]] as const) {
    const m = moments(v);
    assert.ok(Math.min(...v) >= 0 && Math.max(...v) <= 1, name);
    assert.ok(Math.abs(m.mean - 0.5) < 5 * 5.3e-3 && Math.abs(m.variance - 1 / 12) < 5 * 1.6e-3, `${name}: ${JSON.stringify(m)}`);
  }
  const corr = alpha.reduce((s, a, i) => s + (a - 0.5) * (beta[i]! - 0.5), 0) / batch / (1 / 12);
  assert.ok(Math.abs(corr) < 0.1, `forward and backward weights are independent: correlation ${corr}`);
  assert.deepEqual(Float64Array.from(make(3).forwardMerge([ones!, zeros!], batch, TRAIN)), y, 'the seed reproduces the draws');
  assert.notDeepEqual(Float64Array.from(make(4).forwardMerge([ones!, zeros!], batch, TRAIN)), y);
  assert.ok(Array.from(layer.forwardMerge([ones!, zeros!], batch, EVAL)).every((v) => v === 0.5), '0.5 at inference');
  const [e1, e2] = layer.backwardMerge(dy, batch, [true, true]);
  assert.ok(Array.from(e1!).every((v) => v === 0.5) && Array.from(e2!).every((v) => v === 0.5), 'inference gradient 0.5 each');
});

test('shakeShake and shakeDrop forward passes match finite differences with the weights they drew, and dropPath with its mask (float64)', () => {
  const backend = backend64();
  const batch = 4;
  const size = 5;
  const shake = shakeShake();
  shake.buildMerge([[size], [size]], ['a', 'b'], { backend });
  const [x1, x2] = buffers(backend, Float64Array.from({ length: batch * size }, (_, i) => Math.sin(i)), Float64Array.from({ length: batch * size }, (_, i) => Math.cos(i)));
  const objective = (): number => {
    shake.seedRandom(2);
    return Array.from(shake.forwardMerge([x1!, x2!], batch, TRAIN)).reduce((s, v, i) => s + v * (i + 1), 0);
  };
  const g1 = numericGradient(objective, x1!, 1e-3);
  const g2 = numericGradient(objective, x2!, 1e-3);
  objective();
  const y = shake.forwardMerge([x1!, x2!], batch, TRAIN);
  for (let i = 0; i < batch * size; i++) {
    assert.ok(Math.abs(g1[i]! + g2[i]! - (i + 1)) < 1e-7, 'the weights of the two branches add up to 1');
    const a = g1[i]! / (i + 1);
    assert.ok(Math.abs(y[i]! - (a * x1![i]! + (1 - a) * x2![i]!)) < 1e-9, 'y = a x1 + (1 - a) x2 with the drawn a');
  }
  for (const layer of [shakeDrop({ rate: 0.5 }), dropPath({ rate: 0.5 })]) {
    layer.build([size], { backend });
    const x = buffers(backend, Float64Array.from({ length: batch * size }, (_, i) => Math.sin(i)))[0]!;
    const f = (): number => {
      layer.seedRandom(5);
      return Array.from(layer.forward(x, batch, TRAIN)).reduce((s, v, i) => s + v * (i + 1), 0);
    };
    const g = numericGradient(f, x, 1e-3);
    f();
    const dy = buffers(backend, Float64Array.from({ length: batch * size }, (_, i) => i + 1))[0]!;
    const dx = layer.backward(dy, batch, true)!;
    for (let s = 0; s < batch; s++) {
      const forward = g[s * size]! / (s * size + 1);
      const back = dx[s * size]! / (s * size + 1);
      for (let k = 0; k < size; k++) assert.ok(Math.abs(g[s * size + k]! / (s * size + k + 1) - forward) < 1e-7, `${layer.className}: one coefficient per sample`);
      // Kept samples (coefficient 1 forward) have the true gradient; shaken ones a backward coefficient of their own in [0, 1].
      if (layer.className === 'DropPath' || Math.abs(forward - 1) < 1e-9) assert.ok(Math.abs(back - forward) < 1e-7, `${layer.className}: gradient of a kept sample`);
      else assert.ok(forward >= -1 && forward <= 1 && back >= 0 && back <= 1, `${layer.className}: shaken sample, forward ${forward}, backward ${back}`);
    }
  }
});

test('shakeDrop keeps a sample branch with probability 1 - p, else multiplies it by a ~ U[-1, 1]; at inference it scales by 1 - p', () => {
  const [batch, p] = [4000, 0.4];
  const layer = ready(shakeDrop({ rate: p }), [3], 2);
  const y = run(layer, new Float64Array(batch * 3).fill(1), batch);
  const coefficients = Array.from({ length: batch }, (_, s) => y[s * 3]!);
  const shaken = coefficients.filter((c) => c !== 1);
  assert.ok(Math.abs(shaken.length / batch - p) < 5 * 7.8e-3, `shake rate ${shaken.length / batch}`);
  const m = moments(shaken);
  assert.ok(Math.abs(m.mean) < 5 * 0.015 && Math.abs(m.variance - 1 / 3) < 0.03, JSON.stringify(m));
  assert.ok(run(layer, new Float64Array(6).fill(1), 2, EVAL).every((v) => v === Math.fround(1 - p)));
});

test('drop-path, shakedrop and shake-shake find the residual branches of a resnet; the rates decay linearly with depth', () => {
  const spec = presetSpec('resnet', { inputShape: [8, 8], classes: 3 });
  const drop = applyNoiseSpecs(['drop-path:rate=0.45'], spec).model;
  const paths = drop.layers.filter((l) => l.className === 'DropPath');
  assert.deepEqual(paths.map((l) => l.config['rate']), [1, 2, 3, 4, 5, 6, 7, 8, 9].map((l) => Number((0.05 * l).toPrecision(12))));
  assert.deepEqual(drop.layers.find((l) => l.config.name === 's2b1_add')!.inputs, ['s2b1_add_drop_path', 's2b1_proj_bn']);
  assert.deepEqual(paths[3]!.inputs, ['s2b1_bn2']);
  const one = applyNoiseSpecs(['shakedrop:rate=0.5@3'], spec).model;
  assert.deepEqual(one.layers.filter((l) => l.className === 'ShakeDrop').map((l) => [l.config.name, l.config['rate']]), [['s1b3_add_shake_drop', 0.5 / 3]].map(([n, r]) => [n, Number((r as number).toPrecision(12))]));
  const shaken = applyNoiseSpecs(['shake-shake'], spec).model;
  assert.equal(shaken.layers.filter((l) => l.className === 'ShakeShake').length, 9);
  assert.deepEqual(shaken.layers.find((l) => l.config.name === 's1b1_add_shake_shake')!.inputs, ['s1b1_bn2', 's1b1_bn2_b2']);
  assert.deepEqual(shaken.layers.find((l) => l.config.name === 's1b1_conv1_b2')!.inputs, ['stem_relu']);
  const plain = buildModel(spec, { backend: createRefBackend() });
  const two = buildModel(shaken, { backend: createRefBackend() });
  const count = (m: typeof plain): number => m.params().reduce((n, p) => n + p.value.length, 0);
  const branchParams = plain.layers.filter((l) => /^s\db\d_(conv|bn)[12]$/.test(l.name)).reduce((n, l) => n + l.countTrainableParams(), 0);
  assert.equal(count(two), count(plain) + branchParams, 'each branch copied with weights of its own');
});

test('branch noises are refused on a model without residual branches, naming why; @N past the last block too', () => {
  const mlp = presetSpec('mlp', { inputShape: [8], classes: 3 });
  for (const name of ['drop-path', 'shake-shake', 'shakedrop']) {
    assert.throws(() => applyNoiseSpecs([name], mlp), new RegExp(`noise spec '${name}': the model has no residual branches`));
  }
  assert.throws(() => applyNoiseSpecs(['drop-path@10'], presetSpec('resnet', { inputShape: [8, 8], classes: 3 })), /@10 is past the last of 9 residual blocks/);
  assert.throws(() => applyNoiseSpecs(['drop-path@hidden'], presetSpec('resnet', { inputShape: [8, 8], classes: 3 })), /@hidden must be @all or the number of a residual block/);
});

test('a resnet with shake-shake, drop-path and shakedrop trains and evaluates, reproducibly from the seed', async () => {
  const x = new Tensor(Float32Array.from({ length: 24 * 36 }, (_, i) => Math.sin(i * 0.7) * 0.5 + 0.5), [24, 6, 6, 1]);
  const y = new Tensor(Int32Array.from({ length: 24 }, (_, i) => i % 3), [24]);
  const histories = [];
  for (let k = 0; k < 2; k++) {
    const { model } = buildRun({ model: 'resnet', hidden: [], activation: 'relu', noise: ['shake-shake', 'drop-path:rate=0.3', 'shakedrop:rate=0.3'], optimizer: 'adam', lr: 0.003, momentum: 0 }, { inputShape: [6, 6, 1], classes: 3, imageShape: [6, 6] }, { backend: createRefBackend() });
    const h = await model.fit(x, y, { epochs: 2, batchSize: 8, seed: 4, validationData: [x, y] });
    assert.ok(h.history['loss']!.every(Number.isFinite));
    histories.push(h.history);
  }
  assert.deepEqual(histories[1], histories[0]);
});
