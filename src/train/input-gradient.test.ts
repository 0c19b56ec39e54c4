/** The gradient of the loss with respect to the input, through every layer, against float64 central differences. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential, type Sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { conv2d } from '../layers/conv2d.js';
import { maxPooling2d } from '../layers/max-pooling2d.js';
import { averagePooling2d } from '../layers/average-pooling2d.js';
import { globalAveragePooling2d } from '../layers/global-average-pooling2d.js';
import { batchNormalization, BatchNormalization } from '../layers/batch-normalization.js';
import { flatten } from '../layers/flatten.js';
import { reshape } from '../layers/reshape.js';
import { rescaling } from '../layers/rescaling.js';
import { normalization } from '../layers/normalization.js';
import { leakyRelu } from '../layers/leaky-relu.js';
import { activation } from '../layers/activation.js';
import { dropout } from '../noise/dropout.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { spatialDropout2d } from '../noise/spatial-dropout2d.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { Xoshiro128 } from '../random/xoshiro.js';
import { InputGradientError } from '../errors.js';
import { inputGradient } from './input-gradient.js';
import { createBackend } from '../kernels/registry.js';

const OFF = { training: false, step: 0, epoch: 0 };

/** Batch norm with moving statistics other than 0 and 1, so their scale shows in the gradient. */
function setMovingStatistics(model: Sequential, rng: Xoshiro128): void {
  for (const l of model.layers) {
    if (!(l instanceof BatchNormalization)) continue;
    for (let i = 0; i < l.channels; i++) {
      l.movingMean.value[i] = rng.normal() * 0.3;
      l.movingVariance.value[i] = 0.5 + rng.uniform();
      l.gamma!.value[i] = 0.5 + rng.uniform();
      l.beta!.value[i] = rng.normal() * 0.1;
    }
  }
}

/** The largest relative difference between the input gradient and central differences of the summed loss. */
function checkAgainstDifferences(model: Sequential, count: number, labels: number[], loss = 'sparseCategoricalCrossentropy'): number {
  model.compile({ optimizer: 'sgd', loss: loss as 'sparseCategoricalCrossentropy' });
  model.ensureWeights(3);
  const rng = new Xoshiro128(11);
  setMovingStatistics(model, rng);
  const engine = model.engine();
  const b = engine.backend;
  const size = model.layers[0]!.inputSize;
  const x = b.alloc(count * size);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform();
  const targets: BatchTargets = { kind: 'sparse', labels: Int32Array.from(labels) };
  const lossAt = (v: FloatArray): number => engine.score(engine.forwardFrom(v, count, OFF), targets, count, false).loss;
  const grad = b.alloc(count * size);
  const total = inputGradient(engine, x, targets, count, grad);
  assert.ok(Math.abs(total - lossAt(x)) < 1e-12, 'returns the summed loss at x');
  const h = 1e-6;
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const keep = x[i]!;
    x[i] = keep + h;
    const up = lossAt(x);
    x[i] = keep - h;
    const down = lossAt(x);
    x[i] = keep;
    const numeric = (up - down) / (2 * h);
    worst = Math.max(worst, Math.abs(numeric - grad[i]!) / Math.max(1e-3, Math.abs(numeric) + Math.abs(grad[i]!)));
  }
  assert.ok(grad.some((g) => g !== 0), 'the gradient is not all zero');
  return worst;
}

test('the input gradient of an MLP (rescaling, normalization, noise layers off, batch norm at inference, leaky ReLU, fused softmax) matches float64 central differences', () => {
  const model = sequential([
    input({ shape: [6] }),
    rescaling({ scale: 2, offset: -0.5 }),
    normalization({ mean: [0.1, 0.2, 0, -0.1, 0.3, 0], variance: [1, 2, 0.5, 1, 1.5, 1] }),
    gaussianNoise({ stddev: 0.5 }),
    dense({ units: 7, activation: 'tanh' }),
    dropout({ rate: 0.5 }),
    batchNormalization(),
    dense({ units: 5 }),
    leakyRelu({ negativeSlope: 0.2 }),
    dense({ units: 4, activation: 'elu' }),
    activation({ activation: 'sigmoid' }),
    dense({ units: 3, activation: 'softmax' }),
  ], { backend: createRefBackend('float64') });
  const worst = checkAgainstDifferences(model, 3, [0, 2, 1]);
  assert.ok(worst < 1e-6, `largest relative difference ${worst}`);
});

test('the input gradient of a convnet (conv, batch norm at inference, max and average pooling, spatial dropout, flatten, reshape, global pooling) matches float64 central differences', () => {
  const model = sequential([
    input({ shape: [6, 6, 2] }),
    conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
    batchNormalization(),
    maxPooling2d({ poolSize: 2 }),
    spatialDropout2d({ rate: 0.5 }),
    conv2d({ filters: 4, kernelSize: 2, activation: 'tanh' }),
    averagePooling2d({ poolSize: 2, strides: 1 }),
    flatten(),
    dropout({ rate: 0.3 }),
    reshape({ targetShape: [1, 1, 4] }),
    globalAveragePooling2d(),
    dense({ units: 3, activation: 'softmax' }),
  ], { backend: createRefBackend('float64') });
  const worst = checkAgainstDifferences(model, 2, [1, 2]);
  assert.ok(worst < 1e-6, `largest relative difference ${worst}`);
});

test('the wasm backend gives the float64 reference input gradient of a convnet with batch norm at inference, to float32 precision', () => {
  const layers = () => [
    input({ shape: [8, 8, 1] }),
    conv2d({ filters: 4, kernelSize: 3, activation: 'relu' }),
    batchNormalization(),
    maxPooling2d({ poolSize: 2 }),
    flatten(),
    dropout({ rate: 0.5 }),
    dense({ units: 3, activation: 'softmax' }),
  ];
  const grads = (backend: 'ref64' | 'wasm', weights?: Float32Array[]): { grad: Float64Array; weights: Float32Array[] } => {
    const model = sequential(layers(), { backend: backend === 'ref64' ? createRefBackend('float64') : createBackend('wasm') });
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    model.ensureWeights(2);
    if (weights) model.setWeights(weights);
    else setMovingStatistics(model, new Xoshiro128(4));
    const engine = model.engine();
    const x = engine.backend.alloc(3 * 64);
    const rng = new Xoshiro128(8);
    for (let i = 0; i < x.length; i++) x[i] = Math.fround(rng.uniform());
    const g = engine.backend.alloc(3 * 64);
    inputGradient(engine, x, { kind: 'sparse', labels: Int32Array.from([0, 1, 2]) }, 3, g);
    return { grad: Float64Array.from(g), weights: model.getWeights().map((w) => Float32Array.from(w.data)) };
  };
  const reference = grads('ref64');
  const wasm = grads('wasm', reference.weights.map((w) => Float32Array.from(w)));
  const ref = grads('ref64', reference.weights);
  const scale = Math.max(...ref.grad.map(Math.abs));
  assert.ok(scale > 0);
  for (let i = 0; i < ref.grad.length; i++) assert.ok(Math.abs(wasm.grad[i]! - ref.grad[i]!) <= 1e-4 * scale, `value ${i}: wasm ${wasm.grad[i]}, ref64 ${ref.grad[i]}`);
});

test('the input gradient of a model without a fused softmax (mean squared error on a linear output) matches central differences', () => {
  const model = sequential([input({ shape: [4] }), dense({ units: 5, activation: 'relu' }), dense({ units: 2 })], { backend: createRefBackend('float64') });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  model.ensureWeights(5);
  const engine = model.engine();
  const b = engine.backend;
  const x = b.alloc(8);
  for (let i = 0; i < 8; i++) x[i] = (i * 0.37) % 1;
  const values = b.alloc(4);
  values.set([1, 0, 0, 1]);
  const targets: BatchTargets = { kind: 'dense', values };
  const lossAt = (): number => engine.score(engine.forwardFrom(x, 2, OFF), targets, 2, false).loss;
  const grad = b.alloc(8);
  inputGradient(engine, x, targets, 2, grad);
  for (let i = 0; i < 8; i++) {
    const keep = x[i]!;
    x[i] = keep + 1e-6;
    const up = lossAt();
    x[i] = keep - 1e-6;
    const down = lossAt();
    x[i] = keep;
    assert.ok(Math.abs((up - down) / 2e-6 - grad[i]!) < 1e-6, `value ${i}`);
  }
});

test('the input gradient marks which rows the model classifies correctly', () => {
  const model = sequential([input({ shape: [2] }), dense({ units: 2, activation: 'softmax' })], { backend: createRefBackend('float64') });
  model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
  model.ensureWeights(1);
  const engine = model.engine();
  const layer = model.layers[1] as unknown as { kernel: { value: FloatArray } };
  layer.kernel.value.set([1, 0, 0, 1]); // class = the larger of the two values
  const x = engine.backend.alloc(4);
  x.set([1, 0, 1, 0]);
  const correct = new Uint8Array(2);
  inputGradient(engine, x, { kind: 'sparse', labels: Int32Array.from([0, 1]) }, 2, engine.backend.alloc(4), correct);
  assert.deepEqual([...correct], [1, 0]);
});

class NoInputGradient extends Layer {
  readonly className = 'NoInputGradient';
  forward(x: FloatArray): FloatArray {
    return x;
  }
  backward(): FloatArray | null {
    return null;
  }
  getConfig(): LayerConfig {
    return { name: this.name };
  }
}

test('a layer that gives no input gradient is named in one line', () => {
  const model = sequential([input({ shape: [3] }), new NoInputGradient('opaque'), dense({ units: 2 })], { backend: createRefBackend('float64') });
  model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
  model.ensureWeights(1);
  const engine = model.engine();
  assert.throws(
    () => inputGradient(engine, engine.backend.alloc(3), { kind: 'sparse', labels: Int32Array.from([0]) }, 1, engine.backend.alloc(3)),
    (e: Error) => e instanceof InputGradientError && e.message === "input gradient: layer 'opaque' (NoInputGradient) gives no gradient with respect to its input; adversarial attacks and training need one through every layer",
  );
});
