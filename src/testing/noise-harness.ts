/**
 * Shared tests of noise layers: identity outside training, seeded reproducibility, gradients
 * with a fixed mask against central differences in float64, and the config round trip.
 * Not part of the public API.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Layer } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import type { Backend, FloatArray } from '../kernels/backend.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { layerFromConfig } from '../registry/lookup.js';
import { TRAIN, backend64, checkLayerGradients } from './gradcheck.js';

export const EVAL: StepContext = { training: false, step: 0, epoch: 0 };

/** Builds `layer` for rows of `size` values (or samples of a shape) on `backend` and seeds it. */
export function ready<L extends Layer>(layer: L, size: number | readonly number[], seed = 1, backend: Backend = createRefBackend()): L {
  layer.build(typeof size === 'number' ? [size] : size, { backend });
  layer.seedRandom(seed);
  return layer;
}

/** A copy of `layer.forward(x)` for `batch` rows. */
export function run(layer: Layer, x: ArrayLike<number>, batch: number, ctx: StepContext = TRAIN): Float64Array {
  const b = (layer as unknown as { backend: Backend }).backend;
  const input = b.alloc(x.length);
  input.set(x);
  return Float64Array.from(layer.forward(input, batch, ctx));
}

/** `n` values cycling through a few levels in [-1, 1]. */
export function ramp(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => ((i % 11) - 5) / 5);
}

/** Sample mean and unbiased variance. */
export function moments(v: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < v.length; i++) mean += v[i]! / v.length;
  let variance = 0;
  for (let i = 0; i < v.length; i++) variance += (v[i]! - mean) ** 2 / (v.length - 1);
  return { mean, variance };
}

/**
 * Registers the tests every noise layer passes; `make()` returns a layer with noise on.
 * `shapeOf` gives the sample shape for a number of values (default: a vector), for layers that
 * need feature maps.
 */
export function noiseLayerContract(className: string, make: () => Layer, shapeOf: (size: number) => number[] = (n) => [n]): void {
  test(`${className} is exactly the identity outside training`, () => {
    const layer = ready(make(), shapeOf(50));
    const x = ramp(150);
    const input = createRefBackend().alloc(150);
    input.set(x);
    assert.equal(layer.forward(input, 3, EVAL), input);
    assert.deepEqual(layer.backward(input, 3, true), input);
  });

  test(`${className} draws are reproduced by the seed and differ across seeds`, () => {
    const a = run(ready(make(), shapeOf(40), 3), ramp(120), 3);
    assert.deepEqual(run(ready(make(), shapeOf(40), 3), ramp(120), 3), a);
    assert.notDeepEqual(run(ready(make(), shapeOf(40), 4), ramp(120), 3), a);
    const layer = ready(make(), shapeOf(40), 3);
    run(layer, ramp(120), 3);
    const next = { ...TRAIN, step: 1 };
    assert.notDeepEqual(run(layer, ramp(120), 3, next), a, 'the next step draws new noise');
    assert.deepEqual(run(layer, ramp(120), 3), a, 'the draws of a step depend on the step alone, not on what was drawn before');
    assert.deepEqual(run(ready(make(), shapeOf(40), 3), ramp(120), 3, next), run(layer, ramp(120), 3, next), 'a fresh layer positioned at step 1 draws what step 1 drew');
  });

  test(`${className} gradients with a fixed mask match central differences (float64)`, () => {
    for (const [batch, size] of [[1, 7], [3, 20]] as const) {
      const layer = make();
      layer.build(shapeOf(size), { backend: backend64() });
      // With its noise fixed the layer is affine in x: central differences have no truncation
      // error, only rounding error of about eps * |objective| / h, so a large step keeps that
      // far below the bound even for the smallest gradient elements.
      const errors = checkLayerGradients(layer, batch, 17 * batch, TRAIN, () => layer.seedRandom(9), 1e-3);
      assert.ok(errors.input! < 1e-7, `batch ${batch}: relative error ${errors.input}`);
    }
  });

  test(`${className} config round-trips through the layer registry`, () => {
    const layer = make();
    layer.name = 'n';
    const again = layerFromConfig(className, layer.getConfig());
    assert.equal(again.className, className);
    assert.deepEqual(again.getConfig(), layer.getConfig());
  });
}

/** Fraction of `values` equal to `v`. */
export function fractionEqual(values: FloatArray | Float64Array, v: number): number {
  let c = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === v) c++;
  return c / values.length;
}
