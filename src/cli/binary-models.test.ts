/**
 * Yes/no models on the command line: `--metrics` takes binaryAccuracy's threshold
 * (`binaryAccuracy:threshold=0.9`), which the saved model keeps and `evaluate` reads back;
 * `certify` certifies a one-output binary model (its output is the probability of class 1) and
 * refuses a regression model with the reason.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';

const SKLEARN = '/usr/lib/python3/dist-packages/sklearn/datasets/data/';
const CANCER = `${SKLEARN}breast_cancer.csv`;
const SKIP = existsSync(CANCER) ? false : `${CANCER} not installed (python3-sklearn)`;
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-binary-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('--metrics takes binaryAccuracy with its threshold; the model keeps it and evaluate reports it', { skip: SKIP }, async () => {
  const out = join(dir, 'strict');
  const run = await runCli('train', '--data', CANCER, '--val-split', '0.2', '--task', 'binary', '--metrics', 'binaryAccuracy:threshold=0.9,auc', '--epochs', '2', '--threads', '1', '--quiet', '--out', out);
  assert.equal(run.code, 0, run.err);
  const final = /^Final \(epoch 2\/2\): loss: [\d.]+ - binary_accuracy: [\d.]+ - auc: [\d.]+ - val_loss: [\d.]+ - val_binary_accuracy: ([\d.]+) - val_auc: [\d.]+$/m.exec(run.out);
  assert.ok(final, run.out);
  const saved = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8')) as { noisenet: { training: { metrics: string[] } } };
  assert.deepEqual(saved.noisenet.training.metrics, ['binaryAccuracy:threshold=0.9', 'auc']);
  const evaluated = await runCli('evaluate', '--model', join(out, 'model'));
  assert.equal(evaluated.code, 0, evaluated.err);
  const scores = /^loss: [\d.]+ - accuracy: ([\d.]+) - binary_accuracy: ([\d.]+) - auc: [\d.]+$/m.exec(evaluated.out);
  assert.ok(scores, evaluated.out);
  assert.equal(scores[2], final[1], 'the threshold of 0.9 survives saving');
  assert.ok(Number(scores[2]) <= Number(scores[1]), `a stricter threshold calls fewer samples class 1 here: ${scores[2]} against ${scores[1]} at 0.5`);
  for (const [metrics, message] of [
    ['binaryAccuracy:threshold=2', /--metrics: metric binaryAccuracy: threshold must be a number >= 0 and <= 1, received 2/],
    ['binaryAccuracy:cutoff=0.5', /--metrics: metric binaryAccuracy: unknown option 'cutoff'/],
  ] as const) {
    const bad = await runCli('train', '--data', CANCER, '--val-split', '0.2', '--task', 'binary', '--metrics', metrics, '--epochs', '1', '--threads', '1', '--quiet');
    assert.notEqual(bad.code, 0, bad.out);
    assert.match(bad.err, message);
  }
});

test('certify certifies a one-output binary model and refuses a regression model, saying why', { skip: SKIP }, async () => {
  const binary = join(dir, 'binary');
  const trained = await runCli('train', '--data', CANCER, '--val-split', '0.2', '--task', 'binary', '--epochs', '3', '--threads', '1', '--quiet', '--out', binary);
  assert.equal(trained.code, 0, trained.err);
  // sigma 0.01 on features whose scale the model standardises inside: small against most of them.
  const certified = await runCli('certify', '--model', join(binary, 'model'), '--sigma', '0.01', '--n0', '10', '--n', '100', '--samples', '20', '--radii', '0,0.01');
  assert.equal(certified.code, 0, certified.err);
  const at0 = /^0\s+([\d.]+)$/m.exec(certified.out);
  assert.ok(at0, certified.out);
  assert.ok(Number(at0[1]) >= 0.5, `a trained binary model certifies most samples at radius 0 (both classes are predicted): ${certified.out}`);

  const lines = (name: string): string[] => gunzipSync(readFileSync(`${SKLEARN}${name}`)).toString('utf8').trim().split('\n');
  const x = lines('diabetes_data_raw.csv.gz');
  const y = lines('diabetes_target.csv.gz');
  const diabetes = join(dir, 'diabetes.csv');
  await writeFile(diabetes, `${x.map((row, i) => [...row.trim().split(/\s+/), y[i]!.trim()].join(',')).join('\n')}\n`);
  const regression = join(dir, 'regression');
  const fitted = await runCli('train', '--data', diabetes, '--val-split', '0.2', '--epochs', '1', '--threads', '1', '--quiet', '--out', regression);
  assert.equal(fitted.code, 0, fitted.err);
  const refused = await runCli('certify', '--model', join(regression, 'model'), '--sigma', '0.25', '--n0', '10', '--n', '100', '--samples', '5');
  assert.notEqual(refused.code, 0, refused.out);
  assert.match(refused.err, /is a regression \(meanSquaredError on 1 output\): smoothing certifies the class a classifier predicts, and a value has none/);
});

