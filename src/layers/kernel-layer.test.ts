import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dense } from './dense.js';
import { conv2d } from './conv2d.js';
import type { KernelLayer } from './kernel-layer.js';
import { backend64 } from '../testing/gradcheck.js';
import { Xoshiro128 } from '../random/xoshiro.js';
import type { StepContext } from '../step/step-context.js';

const INPUTS = 5;
const UNITS = 3;
const BATCH = 4;
const OPTIONS = { activation: 'selu', kernelRegularizer: { l2: 0.1 }, weightNoise: { stddev: 0.05 }, dropConnect: { rate: 0.25 } } as const;

/** A Dense over `INPUTS` values and a 1x1 Conv2D over 1x1 images of `INPUTS` channels, same weights, same seed. */
function twins(): [KernelLayer, KernelLayer] {
  const d = dense({ units: UNITS, ...OPTIONS });
  const c = conv2d({ filters: UNITS, kernelSize: 1, ...OPTIONS });
  d.build([INPUTS], { backend: backend64() });
  c.build([1, 1, INPUTS], { backend: backend64() });
  d.initializeWeights(new Xoshiro128(1));
  c.kernel.value.set(d.kernel.value);
  d.bias!.value.set([0.1, -0.2, 0.3]);
  c.bias!.value.set(d.bias!.value);
  d.seedRandom(42);
  c.seedRandom(42);
  return [d, c];
}

const x = Float64Array.from({ length: BATCH * INPUTS }, (_, i) => Math.sin(i + 1));
const dy = Float64Array.from({ length: BATCH * UNITS }, (_, i) => Math.cos(i));

/** Forward then backward; the output, the input gradient and the weight gradients. */
function pass(layer: KernelLayer, ctx: StepContext): number[][] {
  const out = Array.from(layer.forward(x, BATCH, ctx));
  const dx = Array.from(layer.backward(Float64Array.from(dy), BATCH, true)!);
  return [out, dx, Array.from(layer.kernel.grad), Array.from(layer.bias!.grad)];
}

function assertClose(a: number[][], b: number[][], what: string): void {
  a.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - b[i]![j]!) < 1e-12, `${what} [${i}][${j}]: ${v} vs ${b[i]![j]}`)));
}

test('Dense and a 1x1 Conv2D are the same kernel layer: same outputs, gradients and penalty with weight noise, DropConnect and L2', () => {
  const [d, c] = twins();
  for (const step of [0, 1, 5]) {
    const ctx: StepContext = { training: true, step, epoch: 0 };
    assertClose(pass(d, ctx), pass(c, ctx), `training step ${step}`);
  }
  assertClose(pass(d, { training: false, step: 0, epoch: 0 }), pass(c, { training: false, step: 0, epoch: 0 }), 'inference');
  assert.equal(d.regularizationLoss(), c.regularizationLoss());
  assert.ok(d.regularizationLoss() > 0);
  assert.ok(d.regularized && c.regularized);
});

test('the noise a kernel layer draws depends on its seed and the step only', () => {
  const [d] = twins();
  const [again] = twins();
  const at = (layer: KernelLayer, step: number): number[] => Array.from(layer.forward(x, BATCH, { training: true, step, epoch: 0 }));
  at(d, 0);
  at(d, 1);
  assert.deepEqual(at(d, 2), at(again, 2));
  assert.notDeepEqual(at(d, 3), at(again, 2));
});

test('the weight options of a kernel layer come back in its config, and nothing for those unset', () => {
  const [d, c] = twins();
  for (const layer of [d, c]) {
    const config = layer.getConfig();
    assert.deepEqual(config['weightNoise'], { stddev: 0.05 });
    assert.deepEqual(config['dropConnect'], { rate: 0.25 });
    assert.deepEqual(config['kernelRegularizer'], { l2: 0.1 });
  }
  const plain = dense({ units: 2 }).getConfig();
  assert.ok(!('weightNoise' in plain) && !('dropConnect' in plain) && !('kernelRegularizer' in plain), JSON.stringify(plain));
});
