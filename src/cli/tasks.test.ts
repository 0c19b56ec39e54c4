/**
 * Regression and binary tables through the command line: a continuous target trains as a
 * regression and every command shows its errors, never an accuracy; a two-class target trains
 * as binary and reaches a logistic regression's validation accuracy on the same split
 * (scikit-learn's, skipped without Debian's python3-sklearn); targets and techniques that do
 * not fit the task are refused with the reason.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import { pythonSkip, runPython } from '../testing/python-reference.js';
import { loadData } from '../data/node/load-data.js';
import { splitTensors } from '../data/split-tensors.js';

const SKIP = pythonSkip(['sklearn']);
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-tasks-'));
  if (SKIP) return;
  runPython(['sklearn'], `import csv, sys, sklearn.datasets as d
b = d.load_diabetes(scaled=False)
with open(sys.argv[1] + '/diabetes.csv', 'w', newline='') as f:
    w = csv.writer(f); w.writerow(list(b.feature_names) + ['progression'])
    for r, t in zip(b.data, b.target): w.writerow(list(r) + [t])
c = d.load_breast_cancer()
with open(sys.argv[1] + '/cancer.csv', 'w', newline='') as f:
    w = csv.writer(f); w.writerow(list(c.feature_names) + ['diagnosis'])
    for r, t in zip(c.data, c.target): w.writerow(list(r) + [c.target_names[t]])
`, [dir]);
});
after(() => rm(dir, { recursive: true, force: true }));

test('a continuous table target trains as a regression: train, evaluate and predict show its errors, never an accuracy', { skip: SKIP }, async () => {
  const csv = join(dir, 'diabetes.csv');
  const out = join(dir, 'diabetes');
  const run = await runCli('train', '--data', csv, '--val-split', '0.2', '--epochs', '40', '--hidden', 'none', '--lr', '1', '--noise-stddev', '0', '--threads', '1', '--out', out);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /; 10 features; a continuous target \(regression\)$/m);
  const final = /^Final \(epoch 40\/40\): loss: [\d.]+ - mae: [\d.]+ - rmse: [\d.]+ - r2: -?[\d.]+ - val_loss: [\d.]+ - val_mae: ([\d.]+) - val_rmse: [\d.]+ - val_r2: (-?[\d.]+)$/m.exec(run.out);
  assert.ok(final, run.out);
  assert.ok(!/accuracy/.test(run.out), run.out);
  assert.ok(Number(final[2]) > 0.3, `val_r2 ${final[2]}`);
  const history = JSON.parse(await readFile(join(out, 'history.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(history).filter((k) => Array.isArray(history[k]) && k !== 'epoch').sort(), ['loss', 'mae', 'r2', 'rmse', 'val_loss', 'val_mae', 'val_r2', 'val_rmse']);
  const evaluated = await runCli('evaluate', '--model', join(out, 'model'));
  assert.equal(evaluated.code, 0, evaluated.err);
  assert.match(evaluated.out, new RegExp(`^loss: [\\d.]+ - mae: ${final[1]} - rmse: [\\d.]+ - r2: ${final[2]}$`, 'm'));
  const rows = (await readFile(csv, 'utf8')).split('\n').slice(0, 3).join('\n');
  await writeFile(join(dir, 'new.csv'), `${rows}\n`);
  const predicted = await runCli('predict', '--model', join(out, 'model'), '--input', join(dir, 'new.csv'));
  assert.equal(predicted.code, 0, predicted.err);
  assert.match(predicted.out, /^row 1\t\d+(\.\d+)?\nrow 2\t\d+(\.\d+)?\n$/);
});

test('a two-class table trains as binary and reaches the validation accuracy of a logistic regression on the same split', { skip: SKIP }, async () => {
  const csv = join(dir, 'cancer.csv');
  const data = await loadData(csv, { valSplit: 0.2, seed: 42 });
  const rows = (t: ReturnType<typeof splitTensors>): number[][] => Array.from({ length: t.x.count }, (_, i) => Array.from(t.x.data.subarray(i * 30, i * 30 + 30)));
  const train = splitTensors(data, data.train);
  const validation = splitTensors(data, data.test!);
  await writeFile(join(dir, 'split.json'), JSON.stringify({ xtr: rows(train), ytr: Array.from(train.y.data), xva: rows(validation), yva: Array.from(validation.y.data) }));
  const logistic = Number(runPython(['sklearn'], `import json, sys
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
d = json.load(open(sys.argv[1]))
s = StandardScaler().fit(d['xtr'])
print(LogisticRegression(max_iter=1000).fit(s.transform(d['xtr']), d['ytr']).score(s.transform(d['xva']), d['yva']))`, [join(dir, 'split.json')]));
  const run = await runCli('train', '--data', csv, '--val-split', '0.2', '--task', 'binary', '--epochs', '30', '--hidden', '16', '--lr', '0.01', '--threads', '1', '--quiet');
  assert.equal(run.code, 0, run.err);
  const final = /^Final \(epoch 30\/30\): loss: [\d.]+ - accuracy: [\d.]+ - auc: [\d.]+ - val_loss: [\d.]+ - val_accuracy: ([\d.]+) - val_auc: ([\d.]+)\n$/.exec(run.out);
  assert.ok(final, run.out);
  assert.ok(Number(final[1]) >= logistic - 1e-4, `val_accuracy ${final[1]} below the logistic regression's ${logistic}`);
  assert.ok(Number(final[2]) > 0.98, `val_auc ${final[2]}`);
});

test('targets and techniques that do not fit the task are refused with the reason', { skip: SKIP }, async () => {
  const diabetes = join(dir, 'diabetes.csv');
  const refused = async (args: string[], message: RegExp): Promise<void> => {
    const r = await runCli('train', ...args, '--epochs', '1', '--threads', '1', '--quiet');
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.err, message);
  };
  await refused(['--data', diabetes, '--val-split', '0.2', '--loss', 'binaryCrossentropy'], /the target is continuous \(a regression\); --loss binaryCrossentropy trains classes/);
  await refused(['--data', diabetes, '--val-split', '0.2', '--noise', 'label-smoothing:epsilon=0.1'], /label smoothing applies to classification losses: it softens class targets, and meanSquaredError trains a regression/);
  await refused(['--data', diabetes, '--val-split', '0.2', '--metrics', 'accuracy'], /metric 'accuracy' means nothing for a regression \(meanSquaredError on 1 output\)/);
  await refused(['--data', diabetes, '--val-split', '0.2', '--metrics', 'mae,f1'], /--metrics must be a list of metric names from accuracy, binaryAccuracy, mae, mse, rmse, r2, auc/);
  const wine = join(dir, 'wine.csv');
  await writeFile(wine, 'a,b,kind\n1,2,x\n2,1,y\n3,3,z\n1,1,x\n2,2,y\n3,1,z\n');
  await refused(['--data', wine, '--val-split', '0.5', '--task', 'binary'], /--task binary takes a target of two classes; .* has 3 \(x, y, z\): use --task classification/);
  const words = join(dir, 'words.csv');
  await writeFile(words, 'a,b,price\n1,2,cheap\n2,1,dear\n3,3,cheap\n');
  await refused(['--data', words, '--val-split', '0.5', '--task', 'regression'], /row 2, column 'price': non-numeric value "cheap" in a regression target/);
  const ok = await runCli('train', '--data', diabetes, '--val-split', '0.2', '--noise', 'mixup:alpha=0.2', '--metrics', 'mae', '--epochs', '1', '--threads', '1', '--quiet');
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /^Final \(epoch 1\/1\): loss: [\d.]+ - mae: [\d.]+ - val_loss: [\d.]+ - val_mae: [\d.]+\n$/);
});
