/**
 * The playground as a person uses it, in headless Chromium, served by `noisenet playground`'s
 * server with the isolation headers: autorun trains both models with threads, live charts with
 * one series per model and one point per epoch, the same URL gives the same numbers, the numbers
 * are those of `noisenet compare` in Node, drawing gives probabilities, the downloaded models
 * load in Node with equal predictions, results.json builds the report. Screenshots at desktop and
 * phone widths go to test-artifacts/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startPlayground } from './node/playground-server.js';
import { launchChromium, skipWithoutChromium } from '../testing/chromium.js';
import { OPTIMIZER_NAMES } from '../run/run-schema.js';
import { LOSS_NAMES } from '../losses/index.js';
import { assertSameNumbers, sameMathAsNode } from '../testing/browser-math.js';
import { loadMnistMini } from '../data/node/mnist-mini.js';
import { runExperiment } from '../experiments/node/runner.js';
import { experimentData } from '../experiments/experiment-data.js';
import { specRunFactory } from '../experiments/spec-run-factory.js';
import type { ExperimentResults } from '../experiments/results.js';
import { loadModel } from '../io/node/load-model.js';
import { Tensor } from '../tensor/tensor.js';
import { buildReportHtml } from '../report/node/write-report.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const HASH = '#dataset=mnist-mini&train=4000&epochs=2&seed=3&noise=gaussian:stddev=0.3&noise=dropout:rate=0.2@hidden&autorun=1';

/** What the page exposes of the last drawing (or validation image) and both models' probabilities. */
interface Drawing {
  source: string;
  input: number[];
  probabilities: Record<string, number[]>;
}

/** Opens the page, collecting console problems and every requested URL. */
async function open(page: Page, url: string): Promise<{ problems: string[]; requests: string[] }> {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(`${m.type()}: ${m.text()}`) : undefined));
  page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
  page.on('request', (r) => void requests.push(r.url()));
  await page.goto(url);
  return { problems, requests };
}

/** Each chart's axis text, as drawn on screen, is between 9 and 15 CSS pixels tall (the charts scale their SVG). */
async function assertChartTextReadable(page: Page, where: string): Promise<void> {
  const sizes = (await page.locator('.chart svg').evaluateAll((svgs) =>
    svgs.map((s) => {
      const text = s.querySelector('.axis text')!;
      const scale = s.getBoundingClientRect().width / (s as any).viewBox.baseVal.width;
      return [s.closest('figure')!.id, Number.parseFloat((globalThis as any).getComputedStyle(text).fontSize) * scale];
    }),
  )) as [string, number][];
  assert.equal(sizes.length, 4);
  for (const [chart, px] of sizes) assert.ok(px >= 9 && px <= 15, `${chart} ${where}: axis text is ${px.toFixed(1)} px`);
}

async function finished(page: Page): Promise<ExperimentResults> {
  await page.waitForFunction(() => ['done', 'error'].includes((globalThis as any).document.body.dataset.state), null, { timeout: 240_000 });
  assert.equal(await page.evaluate('document.body.dataset.state'), 'done', (await page.locator('#message').textContent()) ?? '');
  return page.evaluate('window.noisenetResult') as Promise<ExperimentResults>;
}

test('the playground trains both models live with threads, reproducibly and as noisenet compare does; drawing, downloads and results.json work', { skip: skipWithoutChromium, timeout: 480_000 }, async (t) => {
  const server = await startPlayground({ fashionDir: null });
  t.after(() => server.close());
  const browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
  t.after(() => browser.dispose());
  const page = await browser.newPage();
  const seen = await open(page, `${server.url}${HASH}`);
  await page.waitForFunction(() => (globalThis as any).document.body.dataset.state === 'training', null, { timeout: 60_000 });
  const results = await finished(page);
  // The form offers every optimizer and every loss of the registry.
  assert.deepEqual(await page.evaluate("[...document.querySelectorAll('#optimizer option')].map((o) => o.value)"), [...OPTIMIZER_NAMES]);
  assert.deepEqual(await page.evaluate("[...document.querySelectorAll('#loss option')].map((o) => o.value)"), [...LOSS_NAMES]);

  // Threads: the page is isolated and training used kernel workers.
  const platform = (await page.evaluate('({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency, info: window.noisenetPlatform })')) as { isolated: boolean; cores: number; info: { threads: number; singleThreadReason: string | null } };
  assert.equal(platform.isolated, true);
  if (platform.cores > 1) {
    assert.ok(platform.info.threads > 1, `threads: ${JSON.stringify(platform.info)}`);
    assert.ok(page.workers().length >= 2, `the training worker and kernel workers: ${page.workers().map((w) => w.url()).join(' ')}`);
    assert.match((await page.locator('#threads').textContent()) ?? '', /^Training runs on \d+ threads/);
  }

  // Both models, one series per model, one point per epoch.
  assert.deepEqual(results.runs.map((r) => r.configuration), ['baseline', 'gaussian:stddev=0.3 + dropout:rate=0.2@hidden']);
  for (const r of results.runs) {
    assert.equal(r.history.val_accuracy!.length, 2);
    assert.ok(r.history.val_accuracy![1]! > 0.85, `${r.configuration}: final val_accuracy ${r.history.val_accuracy![1]}`);
  }
  for (const [chart, lines, points] of [['accuracy', ['train', 'validation'], 2], ['loss', ['train', 'validation'], 2], ['gap', ['value'], 2], ['robustness', ['value'], 5]] as const) {
    const series = page.locator(`#chart-${chart} g.series`);
    assert.deepEqual(await series.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-model'))), ['baseline', 'noisy'], `${chart}: one series per model`);
    for (const model of ['baseline', 'noisy']) {
      for (const split of lines) {
        assert.equal(await page.locator(`#chart-${chart} g.series[data-model="${model}"] path.line[data-split="${split}"]`).count(), 1, `${chart}/${model}/${split}: one line`);
        assert.equal(await page.locator(`#chart-${chart} g.series[data-model="${model}"] circle.point[data-split="${split}"]`).count(), points, `${chart}/${model}/${split}: one point per ${chart === 'robustness' ? 'noise level' : 'epoch'}`);
      }
    }
  }
  assert.equal(await page.locator('#final tbody tr').count(), 2);

  // The robustness card of both models: every measure, each corruption's accuracy, the verdict in compare's words.
  assert.ok(results.runs.every((r) => r.card?.corruption?.samples === 200 && r.card.adversarial && r.card.certified && r.calibration), JSON.stringify(results.runs.map((r) => r.card)));
  assert.deepEqual(results.cards!.map((c) => c.configuration), ['baseline', 'gaussian:stddev=0.3 + dropout:rate=0.2@hidden']);
  assert.deepEqual(await page.locator('#card-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-measure'))), ['clean', 'gaussian', 'certified', 'corruption', 'ece', 'adversarial']);
  const corruptionRow = await page.locator('#card-table tbody tr[data-measure="corruption"] td').allTextContents();
  assert.equal(Number(corruptionRow[0]), Number(results.cards![0]!.entries.corruption!.value.mean!.toFixed(4)));
  assert.equal(await page.locator('#card-heat tbody tr').count(), 15);
  assert.equal(await page.locator('#card-heat td.cell').count(), 30, 'one coloured cell per corruption and model');
  assert.match((await page.locator('#card-verdict').textContent()) ?? '', /^Verdict: Validation accuracy: with one seed on a side there is no confidence interval/);
  assert.equal(await page.isHidden('#card-skipped'), true, 'every measure applies to digit images');
  assert.equal(await page.evaluate("document.getElementById('seen-noisy').width"), 8 * 28 + 7, 'the grid of seen images is drawn');

  // Offline: nothing but the server; no console error.
  assert.deepEqual(seen.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:')), []);
  assert.deepEqual(seen.problems, []);

  // The same URL again: the same numbers.
  const again = await browser.newPage();
  await open(again, `${server.url}${HASH}`);
  const second = await finished(again);
  assert.deepEqual(second.runs.map((r) => [r.history, r.robustness]), results.runs.map((r) => [r.history, r.robustness]));
  await again.close();

  // What Node's noisenet compare computes for the page's config: the same histories and robustness,
  // bit for bit when the page's engine computes Math.exp, Math.log, ... as Node's, to float rounding otherwise.
  const exact = await sameMathAsNode(page);
  const reference = await runExperiment(results.config, { runFactory: specRunFactory(), data: experimentData(await loadMnistMini(results.config.dataSeed), results.config) });
  assertSameNumbers(results.runs.map((r) => r.history), reference.runs.map((r) => r.history), exact, 'histories as in Node');
  assertSameNumbers(results.runs.map((r) => r.robustness), reference.runs.map((r) => r.robustness), exact, 'robustness as in Node');

  // Drawing: a stroke gives a probability vector summing to 1 for each model.
  await page.locator('#pad').scrollIntoViewIfNeeded();
  const box = (await page.locator('#pad').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.2 + 0.05 * i));
  await page.mouse.up();
  await page.waitForFunction(() => (globalThis as any).noisenetDrawing !== undefined);
  const drawing = (await page.evaluate('window.noisenetDrawing')) as Drawing;
  assert.equal(drawing.input.length, 784);
  for (const arm of ['baseline', 'noisy']) {
    const p = drawing.probabilities[arm]!;
    assert.equal(p.length, 10);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-5, `${arm}: probabilities sum to ${p.reduce((a, b) => a + b, 0)}`);
  }
  assert.equal(await page.locator('#probabilities tbody tr').count(), 10);

  // Keyboard: Tab to "Use a validation image" and press Enter.
  await page.locator('#clear').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement.id'), 'sample');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /validation image 1,/.test((globalThis as any).document.querySelector('#probabilities caption').textContent) && (globalThis as any).noisenetDrawing.source === 'validation image 1');

  // Downloads: both models load in Node with equal predictions; results.json is the page's result and builds the report.
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-playground-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const names: string[] = [];
  const saved: Promise<void>[] = [];
  page.on('download', (d) => {
    names.push(d.suggestedFilename());
    saved.push(d.saveAs(join(dir, d.suggestedFilename())));
  });
  await page.click('#download-models');
  for (let i = 0; i < 100 && names.length < 4; i++) await new Promise((r) => setTimeout(r, 100));
  await page.click('#download-results');
  for (let i = 0; i < 100 && names.length < 5; i++) await new Promise((r) => setTimeout(r, 100));
  await Promise.all(saved);
  assert.deepEqual([...names].sort(), ['baseline.json', 'baseline.weights.bin', 'noisy.json', 'noisy.weights.bin', 'results.json']);
  const sample = (await page.evaluate('window.noisenetDrawing')) as Drawing;
  for (const arm of ['baseline', 'noisy']) {
    const model = await loadModel(join(dir, `${arm}.json`));
    const p = Array.from(model.predict(new Tensor(Float32Array.from(sample.input), [1, 784])).data);
    assertSameNumbers(p, sample.probabilities[arm], exact, `${arm}: the downloaded model predicts as the page's`, 1e-5);
  }
  const file = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ExperimentResults;
  assert.deepEqual(file, JSON.parse(JSON.stringify(results)));
  assert.equal(file.format, 'noisenet-compare');
  const html = await buildReportHtml(file);
  assert.ok(html.includes('gaussian:stddev=0.3 + dropout:rate=0.2@hidden') && html.includes('<svg'), 'the report builds from the page\'s results.json');

  // Screenshots: desktop and phone widths; the phone layout has no horizontal scroll; every chart's text reads at 9 to 15 px.
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'playground-desktop.png'), fullPage: true });
  await assertChartTextReadable(page, 'at 1280 px');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  assert.ok(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1'), 'no horizontal scroll at 390 px');
  await assertChartTextReadable(page, 'at 390 px');
  await page.screenshot({ path: join(ARTIFACTS, 'playground-phone.png'), fullPage: true });
});
