/**
 * Regression and yes/no tables in the playground, in headless Chromium: scikit-learn's diabetes
 * table (a continuous target) trains as a regression with RMSE and MAE curves, a
 * predicted-against-true scatter and no accuracy anywhere; its breast-cancer table (two classes)
 * trains as binary (one sigmoid output) with accuracy and AUC curves and a robustness card;
 * the task can be chosen against what auto reads; results.json records the task.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { openPlaygroundPage } from '../testing/playground-page.js';
import { skipWithoutChromium } from '../testing/chromium.js';
import type { ExperimentResults } from '../experiments/results.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const SKLEARN = '/usr/lib/python3/dist-packages/sklearn/datasets/data/';
const CANCER = `${SKLEARN}breast_cancer.csv`;
const skip = skipWithoutChromium || (existsSync(CANCER) ? false : `${CANCER} not installed (python3-sklearn)`);

/** The diabetes table as one CSV: its ten raw features and the target, space-separated files joined. */
async function diabetesCsv(): Promise<Uint8Array> {
  const lines = async (name: string): Promise<string[]> => gunzipSync(await readFile(`${SKLEARN}${name}`)).toString('utf8').trim().split('\n');
  const x = await lines('diabetes_data_raw.csv.gz');
  const y = await lines('diabetes_target.csv.gz');
  const header = 'age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,progression';
  return new TextEncoder().encode(`${header}\n${x.map((row, i) => [...row.trim().split(/\s+/), y[i]!.trim()].join(',')).join('\n')}\n`);
}

const stateIs = async (page: Page, states: string[], timeout = 240_000): Promise<string> => {
  await page.waitForFunction((s) => s.includes((globalThis as any).document.body.dataset.state), states, { timeout });
  return (await page.evaluate('document.body.dataset.state')) as string;
};
const text = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).textContent()) ?? '';

async function dropFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const transfer = await page.evaluateHandle((f) => {
    const dt = new (globalThis as any).DataTransfer();
    dt.items.add(new (globalThis as any).File([Uint8Array.from(f.bytes)], f.name, { type: 'text/csv' }));
    return dt;
  }, { name, bytes: Array.from(bytes) });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await page.waitForFunction((n) => (globalThis as any).document.getElementById('data-status').textContent.startsWith(`${n}:`), name, { timeout: 60_000 });
}

async function trainAndWait(page: Page): Promise<ExperimentResults> {
  await page.click('#train');
  assert.equal(await stateIs(page, ['done', 'error']), 'done', await text(page, '#message'));
  return (await page.evaluate('window.noisenetResult')) as ExperimentResults;
}

/** The units of a recorded model's last layer. */
const outputUnits = (run: { model: unknown }): number | undefined => (run.model as { layers: { config: { units?: number } }[] }).layers.at(-1)!.config.units;
const visible = (page: Page, id: string): Promise<boolean> => page.isVisible(`#${id}`);
const pointCount = (page: Page, chart: string, model: string): Promise<number> => page.locator(`#${chart} g.series[data-model="${model}"] circle.point`).count();

test('a dropped regression table trains as a regression and a yes/no table as binary, each with its own metrics, charts and card', { skip, timeout: 480_000 }, async (t) => {
  const { page, problems } = await openPlaygroundPage(t, '', { viewport: { width: 1280, height: 900 } });
  assert.equal(await stateIs(page, ['ready']), 'ready');
  assert.equal(await visible(page, 'chart-extra'), false, 'digits: accuracy, loss and gap only');
  await page.fill('#epochs', '3');

  // Diabetes: a continuous target, read as a regression by auto.
  await dropFile(page, 'diabetes.csv', await diabetesCsv());
  assert.match(await text(page, '#data-status'), /^diabetes\.csv: 354 training and 88 validation rows of 10 features, a continuous target, trained as a regression \(table diabetes\.csv\)/);
  assert.equal(await page.inputValue('#loss'), 'meanSquaredError', 'the loss follows the task');
  assert.match(await text(page, '#model-note'), /its output is one linear unit: the predicted value\.$/);
  const regression = await trainAndWait(page);
  assert.equal(regression.dataset.task, 'regression');
  for (const run of regression.runs) {
    assert.deepEqual(Object.keys(run.history).filter((k) => k.startsWith('val_')).sort(), ['val_loss', 'val_mae', 'val_r2', 'val_rmse']);
    assert.equal(run.history.val_rmse!.length, 3);
    assert.equal(outputUnits(run), 1);
    assert.ok(run.robustness.every((p) => p.metric === 'rmse'), 'robustness is the RMSE under input noise');
  }
  for (const run of regression.runs) assert.ok(run.history.val_rmse![2]! < run.history.val_rmse![0]!, `${run.configuration}: the validation RMSE falls (${run.history.val_rmse})`);
  assert.equal((regression.cards ?? []).length, 0, 'no card for a regression');
  assert.match(await text(page, '#chart-accuracy figcaption'), /^RMSE per epoch/);
  assert.match(await text(page, '#chart-extra figcaption'), /^MAE per epoch/);
  assert.match(await text(page, '#chart-gap figcaption'), /validation minus training RMSE/);
  assert.match(await text(page, '#chart-robustness figcaption'), /RMSE/);
  assert.deepEqual(await page.locator('#final thead th').allTextContents(), ['model', 'train RMSE', 'val RMSE', 'gap', 'val MAE', 'val loss']);
  const shown = await page.evaluate("document.getElementById('training').textContent + document.getElementById('robust').textContent");
  assert.ok(!/accuracy/i.test(String(shown)), `no accuracy shown for a regression: ${String(shown).slice(0, 200)}`);
  for (const model of ['baseline', 'noisy']) {
    assert.equal(await pointCount(page, 'chart-accuracy', model), 6, `${model}: training and validation RMSE per epoch`);
    assert.equal(await pointCount(page, 'chart-extra', model), 6, `${model}: MAE per epoch`);
    assert.equal(await pointCount(page, 'chart-scatter', model), 88, `${model}: one point per validation row`);
    assert.equal(await page.locator(`#chart-scatter g.series[data-model="${model}"] path.line`).count(), 0, 'a scatter has no line');
  }
  assert.equal(await visible(page, 'chart-scatter'), true);
  assert.equal(await page.locator('#chart-scatter g.series[data-model="ideal"] path.line').count(), 1, 'the line of exact predictions');
  assert.match(await text(page, '#card-status'), /regression has none/);
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'playground-regression.png'), fullPage: true });
  await page.click('#sample');
  await page.waitForFunction(() => /^Predicted value \(validation row 1, true value \d+\)$/.test((globalThis as any).document.querySelector('#probabilities caption').textContent));
  assert.deepEqual(await page.locator('#probabilities tbody th').allTextContents(), ['predicted value']);

  // Breast cancer: two classes, read as yes/no by auto.
  await dropFile(page, 'breast_cancer.csv', new Uint8Array(await readFile(CANCER)));
  assert.match(await text(page, '#data-status'), /^breast_cancer\.csv: 455 training and 114 validation rows of 30 features, 2 classes \(malignant, benign; a yes\/no target, trained as binary; /);
  assert.equal(await page.inputValue('#loss'), 'binaryCrossentropy');
  assert.equal(await visible(page, 'chart-scatter'), false);
  assert.equal(await page.locator('#probabilities tbody tr').count(), 0, 'the last table\'s prediction is cleared');
  assert.equal(await text(page, '#robust-title'), '5. Robustness: rows with noise at test time');
  const binary = await trainAndWait(page);
  assert.equal(binary.dataset.task, 'binary');
  for (const run of binary.runs) {
    assert.deepEqual(Object.keys(run.history).filter((k) => k.startsWith('val_')).sort(), ['val_accuracy', 'val_auc', 'val_loss']);
    assert.equal(outputUnits(run), 1, 'one sigmoid output');
    assert.ok(run.history.val_accuracy![2]! > 0.9, `val_accuracy ${run.history.val_accuracy}`);
    assert.ok(run.calibration && Number.isFinite(run.calibration.ece));
    assert.ok(run.card?.adversarial && run.card.certified, `the card of a binary model: ${JSON.stringify(run.card)}`);
  }
  assert.match(await text(page, '#chart-extra figcaption'), /^AUC per epoch/);
  assert.deepEqual(await page.locator('#final thead th').allTextContents(), ['model', 'train acc', 'val acc', 'gap', 'val AUC', 'val loss']);
  assert.deepEqual(await page.locator('#card-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-measure'))), ['clean', 'gaussian', 'certified', 'ece', 'adversarial']);
  assert.match(await text(page, '#card-skipped'), /corruption: the inputs are feature vectors/);
  await page.screenshot({ path: join(ARTIFACTS, 'playground-binary.png'), fullPage: true });
  assert.match(await text(page, '#card-verdict'), /^Verdict: Validation accuracy: with one seed on a side there is no confidence interval, so no difference from the baseline is called a gain or a loss/);
  await page.click('#sample');
  await page.waitForFunction(() => /validation row 1, class (malignant|benign)\)$/.test((globalThis as any).document.querySelector('#probabilities caption').textContent));
  assert.deepEqual(await page.locator('#probabilities tbody th').allTextContents(), ['malignant', 'benign'], 'the one output shown as both classes');

  // The task chosen: the same table as two classes trains a softmax of two outputs.
  await page.selectOption('#task', 'classification');
  await page.waitForFunction(() => /2 classes \(malignant, benign; table/.test((globalThis as any).document.getElementById('data-status').textContent));
  assert.equal(await page.inputValue('#loss'), 'sparseCategoricalCrossentropy');
  const classes = await trainAndWait(page);
  assert.equal(classes.dataset.task, 'multiclass');
  assert.equal(outputUnits(classes.runs[0]!), 2);
  // A task the target cannot be is refused with the reason.
  await page.selectOption('#task', 'regression');
  await page.waitForFunction(() => /continuous target/.test((globalThis as any).document.getElementById('own-status').textContent));
  await dropFile(page, 'iris.csv', new Uint8Array(await readFile(`${SKLEARN}iris.csv`)));
  await page.selectOption('#task', 'binary');
  await page.waitForFunction(() => /binary task takes a target of two classes; this one has 3/.test((globalThis as any).document.getElementById('message').textContent));
  assert.deepEqual(problems, []);
});
