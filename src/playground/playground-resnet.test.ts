/**
 * The ResNet-20 preset in the playground, in headless Chromium: a link naming `model=resnet`, a
 * branch noise (DropPath) and an augmentation policy (RandAugment) trains both models to the
 * end, and the noisy model is the one the link asked for, with DropPath on its residual
 * branches. A small budget: 64 training images, one epoch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPlayground } from './node/playground-server.js';
import { launchChromium, skipWithoutChromium } from '../testing/chromium.js';
import type { ExperimentResults } from '../experiments/results.js';
import { PLAYGROUND_CARD_SAMPLES } from './session.js';

const NOISE = ['drop-path:rate=0.2', 'rand-augment:n=2,magnitude=9,interpolation=nearest'];
const HASH = `#dataset=mnist-mini&model=resnet&train=64&epochs=1&batch=16&seed=2&${NOISE.map((n) => `noise=${n}`).join('&')}&autorun=1`;

test('the playground trains ResNet-20 with DropPath and RandAugment from a link, both models to the end', { skip: skipWithoutChromium, timeout: 300_000 }, async (t) => {
  const server = await startPlayground({ fashionDir: null });
  t.after(() => server.close());
  const browser = await launchChromium();
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
  await page.goto(`${server.url}${HASH}`);
  await page.waitForFunction(() => ['done', 'error'].includes((globalThis as any).document.body.dataset.state), null, { timeout: 280_000 });
  assert.equal(await page.evaluate('document.body.dataset.state'), 'done', (await page.locator('#message').textContent()) ?? '');
  const results = (await page.evaluate('window.noisenetResult')) as ExperimentResults;

  // The run is the one the link asked for: ResNet-20, both configurations, the noisy one with both techniques.
  assert.equal(results.config.model, 'resnet');
  assert.equal(results.config.trainSize, 64);
  assert.deepEqual(results.config.configurations.map((c) => c.noise), [[], NOISE]);
  assert.deepEqual(results.runs.map((r) => r.configuration), ['baseline', NOISE.join(' + ')]);
  assert.equal(results.config.robustness.cardSamples, PLAYGROUND_CARD_SAMPLES.resnet);

  // Both models trained their epoch and were measured.
  for (const r of results.runs) {
    assert.equal(r.history.loss!.length, 1, `${r.configuration}: one epoch of training loss`);
    assert.equal(r.history.val_accuracy!.length, 1, `${r.configuration}: one epoch of validation accuracy`);
    assert.ok(Number.isFinite(r.history.loss![0]!), `${r.configuration}: loss ${r.history.loss![0]}`);
    assert.ok(r.robustness.length > 0, `${r.configuration}: a robustness curve`);
  }

  // The models are residual networks; the noisy one holds DropPath layers on its branches, the baseline none.
  const classNames = (i: number): string[] => (results.runs[i]!.model as unknown as { layers: { className: string }[] }).layers.map((l) => l.className);
  for (const i of [0, 1]) assert.ok(classNames(i).includes('Add'), `run ${i}: residual adds`);
  assert.equal(classNames(0).filter((c) => c === 'DropPath').length, 0, 'the baseline has no DropPath');
  assert.equal(classNames(1).filter((c) => c === 'DropPath').length, 9, 'one DropPath per residual block of ResNet-20');
  assert.equal(await page.locator('#seen-noisy-caption').textContent(), `noisy model (${NOISE.join(' + ')})`);
  assert.deepEqual(problems, []);
  t.diagnostic(`ms per run (training, robustness and card, card): ${results.runs.map((r) => `${r.trainMs}, ${r.robustnessMs}, ${r.cardMs}`).join('; ')}`);
});
