import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conv2d, type Conv2D, type Conv2DOptions } from './conv2d.js';
import { TRAIN, backend64, checkLayerGradients } from '../testing/gradcheck.js';
import { Xoshiro128 } from '../random/xoshiro.js';
import { layerFromConfig } from '../registry/lookup.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { EVAL } from '../testing/noise-harness.js';

function built(options: Conv2DOptions, inShape: number[], seed = 1): Conv2D {
  const layer = conv2d({ ...options, name: 'c' });
  layer.build(inShape, { backend: backend64() });
  layer.initializeWeights(new Xoshiro128(seed));
  const bias = layer.bias?.value;
  if (bias) for (let i = 0; i < bias.length; i++) bias[i] = 0.1 * (i % 3) - 0.1;
  return layer;
}

/** Odd sizes, strides, valid and same, dilation, 1x1 and wide kernels, with and without bias. */
const CASES: [Conv2DOptions, number[], number][] = [
  [{ filters: 3, kernelSize: 3, activation: 'tanh' }, [5, 6, 2], 1],
  [{ filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'sigmoid' }, [7, 5, 3], 2],
  [{ filters: 4, kernelSize: 3, dilationRate: 2, padding: 'same' }, [6, 7, 1], 3],
  [{ filters: 3, kernelSize: 1, useBias: false, activation: 'elu' }, [3, 4, 5], 1],
  [{ filters: 2, kernelSize: [2, 3], strides: [1, 2], activation: 'selu' }, [4, 7, 2], 2],
  [{ filters: 5, kernelSize: 4, padding: 'same', activation: 'softmax' }, [3, 3, 2], 1],
];

test('conv2d gradients match float64 central differences: odd sizes, strides, same and valid, dilation, batch 1', () => {
  for (const [options, inShape, batch] of CASES) {
    const errors = checkLayerGradients(built(options, inShape, batch), batch, 7 * batch);
    for (const [name, err] of Object.entries(errors)) assert.ok(err < 1e-5, `${JSON.stringify(options)} on [${inShape}] batch ${batch} ${name}: relative error ${err}`);
  }
});

test('conv2d output shapes follow Keras: valid keeps whole windows, same gives ceil(size / stride)', () => {
  const shape = (o: Conv2DOptions, s: number[]): number[] => conv2d(o).computeOutputShape(s);
  assert.deepEqual(shape({ filters: 32, kernelSize: 3 }, [28, 28, 1]), [26, 26, 32]);
  assert.deepEqual(shape({ filters: 8, kernelSize: 3, strides: 2 }, [28, 28, 1]), [13, 13, 8]);
  assert.deepEqual(shape({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' }, [7, 8, 3]), [4, 4, 8]);
  assert.deepEqual(shape({ filters: 1, kernelSize: 3, dilationRate: 3 }, [10, 7, 1]), [4, 1, 1]);
  assert.deepEqual(shape({ filters: 2, kernelSize: 5, padding: 'same' }, [3, 3, 1]), [3, 3, 2]);
});

test('conv2d kernels start Glorot-uniform with fan-in kh*kw*in and fan-out kh*kw*filters; biases at zero', () => {
  const layer = conv2d({ filters: 16, kernelSize: 3 });
  layer.build([8, 8, 4], { backend: backend64() });
  layer.initializeWeights(new Xoshiro128(5));
  assert.deepEqual(layer.kernel.shape, [3, 3, 4, 16]);
  const limit = Math.sqrt(6 / (9 * 4 + 9 * 16));
  const w = layer.kernel.value;
  assert.ok(w.every((v) => Math.abs(v) <= limit));
  const variance = Array.from(w).reduce((s, v) => s + v * v, 0) / w.length;
  assert.ok(Math.abs(variance / ((limit * limit) / 3) - 1) < 0.08, `variance ${variance}`);
  assert.ok(layer.bias!.value.every((v) => v === 0));
});

test('conv2d refuses bad sizes and inputs it cannot take, each in one line', () => {
  const fails = (f: () => unknown, type: new (...a: never[]) => Error, pattern: RegExp): void => assert.throws(f, (e: Error) => e instanceof type && pattern.test(e.message) && !e.message.includes('\n'));
  fails(() => conv2d({ filters: 0, kernelSize: 3 }), InvalidArgumentError, /conv2d: filters must be an integer >= 1, received 0/);
  fails(() => conv2d({ filters: 2, kernelSize: 0 }), InvalidArgumentError, /kernelSize must be a positive integer or a pair of them \[height, width\], received 0/);
  fails(() => conv2d({ filters: 2, kernelSize: 3, strides: [1, -2] }), InvalidArgumentError, /strides must be a positive integer or a pair/);
  fails(() => conv2d({ filters: 2, kernelSize: 3, padding: 'full' as never }), InvalidArgumentError, /padding must be one of 'valid', 'same'/);
  fails(() => conv2d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 }), InvalidArgumentError, /dilationRate must be 1 when strides exceed 1/);
  fails(() => conv2d({ filters: 2, kernelSize: 5 }).build([4, 6, 1], { backend: backend64() }), ShapeError, /a 5x5 kernel needs images of at least 5x5 pixels with padding 'valid', received shape \[4, 6, 1\]/);
  fails(() => conv2d({ filters: 2, kernelSize: 3, dilationRate: 3 }).build([6, 9, 1], { backend: backend64() }), ShapeError, /dilated to 7x7/);
  fails(() => conv2d({ filters: 2, kernelSize: 3 }).build([784], { backend: backend64() }), ShapeError, /expected images \[height, width, channels\] \(rank 3, without batch\), received shape \[784\]/);
});

test('conv2d config round-trips, sizes kept as pairs', () => {
  const layer = conv2d({ filters: 7, kernelSize: 3, strides: [2, 1], padding: 'same', activation: 'relu', useBias: false, dropConnect: { rate: 0.2 }, kernelRegularizer: { l2: 0.01 }, name: 'x' });
  assert.deepEqual(layer.getConfig()['kernelSize'], [3, 3]);
  assert.deepEqual(layerFromConfig('Conv2D', layer.getConfig()).getConfig(), layer.getConfig());
});

test('conv2d with weight noise or DropConnect: gradients with the step noise fixed match central differences; inference uses the clean or expected kernel', () => {
  for (const extra of [{ weightNoise: { stddev: 0.1 } }, { dropConnect: { rate: 0.4 } }, { weightNoise: { stddev: 0.05 }, dropConnect: { rate: 0.3 } }]) {
    const layer = built({ filters: 3, kernelSize: 2, activation: 'tanh', ...extra }, [4, 5, 2], 4);
    layer.seedRandom(3);
    const errors = checkLayerGradients(layer, 2, 11, TRAIN);
    for (const [name, err] of Object.entries(errors)) assert.ok(err < 1e-6, `${JSON.stringify(extra)} ${name}: relative error ${err}`);
  }
  const b = createRefBackend('float64');
  const plain = conv2d({ filters: 2, kernelSize: 2 });
  const dropped = conv2d({ filters: 2, kernelSize: 2, dropConnect: { rate: 0.25 } });
  for (const l of [plain, dropped]) l.build([3, 3, 1], { backend: b });
  plain.initializeWeights(new Xoshiro128(1));
  dropped.kernel.value.set(plain.kernel.value.map((v) => v / 0.75));
  dropped.bias!.value.set([0.4, -0.8]);
  plain.bias!.value.set([0.3, -0.6]);
  const x = b.alloc(9).map((_, i) => i / 9 - 0.5);
  const a = Array.from(plain.forward(x, 1, EVAL));
  const d = Array.from(dropped.forward(x, 1, EVAL));
  a.forEach((v, i) => assert.ok(Math.abs(v - d[i]!) < 1e-12, `expected weights (1 - p) W at inference: ${v} vs ${d[i]}`));
});
