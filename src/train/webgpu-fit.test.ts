/**
 * The article's MLP and a batch-norm convnet trained on the webgpu backend, in headless Chromium
 * on SwiftShader's WebGPU adapter (no GPU needed), against the same runs on the reference
 * backend: the engine's device protocol on a real device. The page side is
 * src/testing/webgpu/fit-page.ts (which also trains the Keras convnet when asked: a minute and
 * more on SwiftShader, too slow for the suite).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { skipWithoutChromium } from '../testing/chromium.js';
import { openWebGpuPage } from '../testing/webgpu/webgpu-page.js';
import type { FitRun, ModelName } from '../testing/webgpu/fit-page.js';

const PAGE = fileURLToPath(new URL('../testing/webgpu/fit-page.js', import.meta.url));

let worst = 0;

/** Within `rel` of the reference, relative to its size (at least 1): GPU sums add in another order. */
function assertNear(actual: readonly number[], expected: readonly number[], rel: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  worst = Math.max(worst, ...actual.map((a, i) => Math.abs(a - expected[i]!) / Math.max(1, Math.abs(expected[i]!))));
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) <= rel * Math.max(1, Math.abs(expected[i]!)), `${what}[${i}]: ${a} vs ${expected[i]}`));
}

test('the article MLP and a batch-norm convnet train on the webgpu backend to the reference histories, per-batch losses, weights and predictions (Chromium, SwiftShader)', { skip: skipWithoutChromium, timeout: 400_000 }, async (t) => {
  const result = (await (await openWebGpuPage(t, PAGE))('runFit')) as Record<ModelName, { webgpu: FitRun; ref: FitRun }> | { unavailable: string };
  if ('unavailable' in result) {
    t.skip(`no WebGPU adapter in this Chromium: ${result.unavailable}`);
    return;
  }
  for (const [name, { webgpu, ref }] of Object.entries(result) as [ModelName, { webgpu: FitRun; ref: FitRun }][]) {
    worst = 0;
    // Float32 sums in another order (tiled matrix products and convolutions, tree reductions),
    // compounded over the run's Adam steps: the tolerance of the whole run.
    for (const key of Object.keys(ref.history)) assertNear(webgpu.history[key]!, ref.history[key]!, 1e-4, `${name} ${key}`);
    assertNear(webgpu.batchLosses, ref.batchLosses, 1e-4, `${name} per-batch losses`);
    webgpu.weights.forEach((w, i) => assertNear(w, ref.weights[i]!, 1e-4, `${name} weight ${i}`));
    assertNear(webgpu.predictions, ref.predictions, 1e-4, `${name} predictions`);
    assertNear([webgpu.evaluation['loss']!, webgpu.evaluation['accuracy']!], [ref.evaluation['loss']!, ref.evaluation['accuracy']!], 1e-4, `${name} evaluation`);
    t.diagnostic(`${name}: webgpu ${webgpu.ms.toFixed(0)} ms, ref ${ref.ms.toFixed(0)} ms; largest relative difference ${worst.toExponential(1)}`);
  }
});
