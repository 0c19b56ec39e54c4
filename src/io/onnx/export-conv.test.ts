import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential, type Sequential } from '../../models/sequential.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { conv2d } from '../../layers/conv2d.js';
import { maxPooling2d } from '../../layers/max-pooling2d.js';
import { averagePooling2d } from '../../layers/average-pooling2d.js';
import { globalAveragePooling2d } from '../../layers/global-average-pooling2d.js';
import { flatten } from '../../layers/flatten.js';
import { reshape } from '../../layers/reshape.js';
import { batchNormalization, BatchNormalization } from '../../layers/batch-normalization.js';
import { activation } from '../../layers/activation.js';
import { relu } from '../../layers/relu.js';
import { softmax } from '../../layers/softmax.js';
import { leakyRelu } from '../../layers/leaky-relu.js';
import { rescaling } from '../../layers/rescaling.js';
import { normalization } from '../../layers/normalization.js';
import { spatialDropout2d } from '../../noise/spatial-dropout2d.js';
import { dropBlock2d } from '../../noise/drop-block2d.js';
import { gaussianNoise } from '../../noise/gaussian-noise.js';
import { Tensor } from '../../tensor/tensor.js';
import { Xoshiro128 } from '../../random/xoshiro.js';
import { LAYER_DEFINITIONS } from '../../registry/catalogue.js';
import { exportOnnx } from './export.js';
import { everyMerge } from '../../testing/graph-models.js';
import { decodeModelProto } from './proto.js';
import { checkOnnx, onnxCheckerSkip, runOnnx } from '../../testing/onnx-runtime.js';
import { everyLayer } from '../../testing/onnx-models.js';

const SHAPE = [11, 9, 2] as const;

/** Moving statistics and scales away from their initial 0, 1, so that the fold is exercised. */
function randomiseNorms(model: Sequential, seed: number): void {
  const g = new Xoshiro128(seed);
  for (const l of model.layers) {
    if (!(l instanceof BatchNormalization)) continue;
    l.movingMean.value.forEach((_, i, a) => (a[i] = g.normal() * 0.5));
    l.movingVariance.value.forEach((_, i, a) => (a[i] = 0.2 + g.uniform()));
    l.gamma!.value.forEach((_, i, a) => (a[i] = 0.5 + g.uniform()));
    l.beta!.value.forEach((_, i, a) => (a[i] = g.normal() * 0.3));
  }
}

/** Two convnets between them using every convolutional layer, with same and valid padding, strides, dilation and odd sizes. */
function convnets(): Sequential[] {
  const a = sequential([
    input({ shape: [...SHAPE] }),
    rescaling({ scale: 0.9, offset: 0.05 }),
    gaussianNoise({ stddev: 0.1 }),
    conv2d({ filters: 4, kernelSize: [3, 3], padding: 'same', activation: 'relu', dropConnect: { rate: 0.25 } }),
    batchNormalization(),
    spatialDropout2d({ rate: 0.2 }),
    maxPooling2d({ poolSize: [2, 2], padding: 'same' }),
    conv2d({ filters: 3, kernelSize: [2, 3], dilationRate: [2, 1], activation: 'gelu', useBias: false }),
    dropBlock2d({ blockSize: 2 }),
    averagePooling2d({ poolSize: [2, 2], strides: [1, 1], padding: 'same' }),
    activation({ activation: 'softplus' }),
    flatten(),
    dense({ units: 5, activation: 'relu6' }),
    dense({ units: 3, activation: 'softmax' }),
  ]);
  const b = sequential([
    input({ shape: [...SHAPE] }),
    conv2d({ filters: 5, kernelSize: [3, 2], strides: [2, 2], padding: 'same' }),
    batchNormalization(),
    relu(),
    averagePooling2d({ poolSize: [3, 3], strides: [2, 2] }),
    leakyRelu({ negativeSlope: 0.1 }),
    conv2d({ filters: 6, kernelSize: [1, 1], activation: 'softmax' }),
    globalAveragePooling2d(),
    batchNormalization(),
    reshape({ targetShape: [2, -1] }),
    softmax(),
    flatten(),
  ]);
  [a, b].forEach((m, i) => {
    m.initializeWeights(30 + i);
    randomiseNorms(m, 40 + i);
  });
  return [a, b];
}

test('convolutional models run in onnxruntime with the predictions of predict (NHWC in and out, max abs difference <= 1e-5)', async () => {
  let worst = 0;
  for (const model of convnets()) {
    const rows = 3;
    const g = new Xoshiro128(5);
    const x = Float32Array.from({ length: rows * SHAPE[0] * SHAPE[1] * SHAPE[2] }, () => g.normal());
    const ours = model.predict(new Tensor(x, [rows, ...SHAPE])).data;
    const theirs = await runOnnx(exportOnnx(model), x, [rows, ...SHAPE]);
    assert.deepEqual(theirs.dims, [rows, ...model.outputShape]);
    for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs.data[i]!));
  }
  assert.ok(worst <= 1e-5, `max abs difference ${worst}`);
  console.log(`# ONNX export: largest |onnxruntime - predict| over the convnets: ${worst.toExponential(2)}`);
});

test('a convnet transposes to NCHW once and back once, for Flatten', () => {
  const ops = (decodeModelProto(exportOnnx(convnets()[0]!)) as any).graph.node.map((n: any) => n.op_type) as string[];
  assert.equal(ops.filter((o) => o === 'Transpose').length, 2, ops.join(' '));
  assert.deepEqual(ops.filter((o) => ['Conv', 'MaxPool', 'AveragePool', 'Flatten', 'Gemm'].includes(o)), ['Conv', 'MaxPool', 'Conv', 'AveragePool', 'Flatten', 'Gemm', 'Gemm']);
});

test('every declared layer class has an ONNX mapping, and the tests export each one', () => {
  // Normalization's export is checked against onnxruntime in src/layers/normalization.test.ts.
  const normalized = sequential([input({ shape: [4, 4, 3] }), normalization({ mean: [0.1, 0.2, 0.3], variance: [1, 2, 3] })]);
  // The merge layers' exports are checked against onnxruntime in src/io/graph-interop.test.ts.
  const used = new Set([...convnets(), everyLayer('relu', 1), normalized, everyMerge()].flatMap((m) => m.layers.map((l) => l.className)));
  for (const d of LAYER_DEFINITIONS) {
    assert.ok(d.onnx, `${d.className}: declares its ONNX mapping`);
    assert.ok(used.has(d.className), `${d.className}: exported by the tests`);
  }
});

test('onnx.checker.check_model accepts the convnets', { skip: onnxCheckerSkip() }, () => {
  for (const model of convnets()) assert.equal(checkOnnx(exportOnnx(model)).error, null);
});
