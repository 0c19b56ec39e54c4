/**
 * The ResNet-20 preset in the playground, in headless Chromium: a link naming `model=resnet`, a
 * branch noise (DropPath, Shake-Shake) and an augmentation policy (RandAugment, TrivialAugment)
 * trains both models to the end, and the noisy model is the one the link asked for, with the
 * branch noise on its residual blocks. A small budget: 64 training images, one epoch.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { openPlaygroundPage } from '../testing/playground-page.js';
import { skipWithoutChromium } from '../testing/chromium.js';
import type { ExperimentResults } from '../experiments/results.js';
import { PLAYGROUND_CARD_SAMPLES } from './session.js';

/**
 * Opens the playground at a link training ResNet-20 with `noise`, waits for the end, and checks
 * that both models trained, were measured, and are the ones asked for: the baseline without the
 * branch noise's layer, the noisy model with one per residual block.
 */
async function trainsResnet(t: TestContext, noise: string[], branchLayer: string): Promise<void> {
  const { page, problems } = await openPlaygroundPage(t, `#dataset=mnist-mini&model=resnet&train=64&epochs=1&batch=16&seed=2&${noise.map((n) => `noise=${n}`).join('&')}&autorun=1`);
  await page.waitForFunction(() => ['done', 'error'].includes((globalThis as any).document.body.dataset.state), null, { timeout: 280_000 });
  assert.equal(await page.evaluate('document.body.dataset.state'), 'done', (await page.locator('#message').textContent()) ?? '');
  const results = (await page.evaluate('window.noisenetResult')) as ExperimentResults;

  // The run is the one the link asked for: ResNet-20, both configurations, the noisy one with both techniques.
  assert.equal(results.config.model, 'resnet');
  assert.equal(results.config.trainSize, 64);
  assert.deepEqual(results.config.configurations.map((c) => c.noise), [[], noise]);
  assert.deepEqual(results.runs.map((r) => r.configuration), ['baseline', noise.join(' + ')]);
  assert.equal(results.config.robustness.cardSamples, PLAYGROUND_CARD_SAMPLES.resnet);
  assert.equal(await page.locator('#seen-noisy-caption').textContent(), `noisy model (${noise.join(' + ')})`);

  // Both models trained their epoch and were measured.
  for (const r of results.runs) {
    assert.equal(r.history.loss!.length, 1, `${r.configuration}: one epoch of training loss`);
    assert.equal(r.history.val_accuracy!.length, 1, `${r.configuration}: one epoch of validation accuracy`);
    assert.ok(Number.isFinite(r.history.loss![0]!), `${r.configuration}: loss ${r.history.loss![0]}`);
    assert.ok(r.robustness.length > 0, `${r.configuration}: a robustness curve`);
  }

  // Both are residual networks; the branch noise's layer sits in each of the noisy model's 9 blocks, in none of the baseline's.
  const classNames = (i: number): string[] => (results.runs[i]!.model as { layers: { className: string }[] }).layers.map((l) => l.className);
  for (const i of [0, 1]) assert.ok(classNames(i).includes('Add'), `run ${i}: residual adds`);
  assert.equal(classNames(0).filter((c) => c === branchLayer).length, 0, `the baseline has no ${branchLayer}`);
  assert.equal(classNames(1).filter((c) => c === branchLayer).length, 9, `one ${branchLayer} per residual block of ResNet-20`);
  assert.deepEqual(problems, []);
  t.diagnostic(`ms per run (training, robustness and card, card): ${results.runs.map((r) => `${Math.round(r.trainMs)}, ${Math.round(r.robustnessMs)}, ${Math.round(r.cardMs ?? 0)}`).join('; ')}`);
}

test('the playground trains ResNet-20 with DropPath and RandAugment from a link, both models to the end', { skip: skipWithoutChromium, timeout: 300_000 }, (t) =>
  trainsResnet(t, ['drop-path:rate=0.2', 'rand-augment:n=2,magnitude=9,interpolation=nearest'], 'DropPath'),
);

test('the playground trains ResNet-20 with Shake-Shake and TrivialAugment from a link, both models to the end', { skip: skipWithoutChromium, timeout: 300_000 }, (t) =>
  trainsResnet(t, ['shake-shake:mode=image', 'trivial-augment:probability=1,interpolation=nearest'], 'ShakeShake'),
);
