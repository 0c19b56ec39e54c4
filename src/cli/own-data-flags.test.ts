/**
 * The data settings of tables, arrays and images on the command line: `--delimiter` and
 * `--header` (a semicolon table without a header, a TSV, a delimiter outside the detected ones),
 * `--arrays` (an .npz of other names; a missing name refused), `--pixels standardize` (a
 * normalization layer first whose statistics are the training split's per channel, saved,
 * evaluated and predicted alike; compare trains it as train does), each recorded with the model
 * so that `evaluate` and `predict` read the data again the same way; a setting that does not
 * apply to the data refused in one line; the loaders' advice named as flags.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { finalValAccuracy, runCli } from '../testing/run-cli.js';
import { encodePng } from '../data/encode-png.js';
import { loadModel } from '../io/node/load-model.js';
import type { Normalization } from '../layers/normalization.js';

const SKLEARN = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
const IRIS = join(SKLEARN, 'iris.csv');
const PYTHON = '/usr/bin/python3';
const skipUnless = (path: string, what: string): string | false => (existsSync(path) ? false : `${path} not installed (${what})`);

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-own-flags-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const readJson = async <T = Record<string, unknown>>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
const modelData = async (model: string): Promise<{ loadOptions: Record<string, unknown>; standardized: boolean; pixels?: string }> =>
  ((await readJson<{ noisenet: { data: never } }>(join(model, 'model.json'))).noisenet.data);

/** scikit-learn's iris table as rows `[class, 4 measures]`, without its count line. */
function irisRows(): string[][] {
  const lines = readFileSync(IRIS, 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => {
    const cells = l.split(',');
    return [cells[4]!, ...cells.slice(0, 4)];
  });
}

/** `accuracy: 0.9333` of an evaluate or train output. */
const accuracyOf = (out: string): number => Number(/(?:^| )accuracy: (\d\.\d{4})/m.exec(out)![1]);

test('a semicolon table without a header trains with --delimiter ";" --header no --target 0, and evaluate and predict read it again as recorded', { skip: skipUnless(IRIS, "Debian's python3-sklearn") }, async () => {
  const csv = join(dir, 'iris-semicolon.csv');
  writeFileSync(csv, `${irisRows().map((r) => r.join(';')).join('\n')}\n`);
  const out = join(dir, 'iris-semicolon');
  const run = await runCli('train', '--data', csv, '--delimiter', ';', '--header', 'no', '--target', '0', '--val-split', '0.2', '--epochs', '15', '--seed', '3', '--threads', '1', '--out', out);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^Data: table .*iris-semicolon\.csv, 120 train, 30 validation .*; 4 features; 3 classes \(0, 1, 2\)$/m);
  const record = await modelData(join(out, 'model'));
  assert.equal(record.loadOptions['delimiter'], ';');
  assert.equal(record.loadOptions['header'], false);
  assert.equal(record.loadOptions['target'], 0);
  const evaluated = await runCli('evaluate', '--model', join(out, 'model'));
  assert.equal(evaluated.code, 0, evaluated.err);
  assert.match(evaluated.out, /^Data: table .*iris-semicolon\.csv, 120 train, 30 validation/m);
  assert.equal(accuracyOf(evaluated.out), finalValAccuracy(run.out));
  // Whole rows with the target column first, read as the training table was: 150 predictions.
  const predicted = await runCli('predict', '--model', join(out, 'model'), '--input', csv);
  assert.equal(predicted.code, 0, predicted.err);
  assert.equal(predicted.out.trim().split('\n').length, 150);
  // predict's own --header and --delimiter override the recorded ones: the first row read as a header leaves 149.
  const headed = await runCli('predict', '--model', join(out, 'model'), '--input', csv, '--header', 'yes');
  assert.equal(headed.code, 0, headed.err);
  assert.equal(headed.out.trim().split('\n').length, 149);
  const comma = await runCli('predict', '--model', join(out, 'model'), '--input', csv, '--delimiter', ',');
  assert.notEqual(comma.code, 0, 'read with commas, each row is one cell');
});

test('a delimiter outside the detected ones (:) is read with --delimiter, and evaluate reads the table again with it from the model', { skip: skipUnless(IRIS, "Debian's python3-sklearn") }, async () => {
  const csv = join(dir, 'iris-colon.txt');
  writeFileSync(csv, `${irisRows().map((r) => [...r.slice(1), r[0]].join(':')).join('\n')}\n`);
  const detected = await runCli('train', '--data', csv, '--val-split', '0.2', '--epochs', '1');
  assert.notEqual(detected.code, 0, 'without --delimiter each row is one cell');
  const out = join(dir, 'iris-colon');
  const run = await runCli('train', '--data', csv, '--delimiter', ':', '--val-split', '0.2', '--epochs', '3', '--seed', '4', '--threads', '1', '--out', out, '-q');
  assert.equal(run.code, 0, run.err);
  const evaluated = await runCli('evaluate', '--model', join(out, 'model'));
  assert.equal(evaluated.code, 0, evaluated.err);
  assert.match(evaluated.out, /^Data: table .*iris-colon\.txt, 120 train, 30 validation .*; 4 features; 3 classes/m);
});

test('a TSV trains, with the delimiter detected or given as tab or \\t', { skip: skipUnless(IRIS, "Debian's python3-sklearn") }, async () => {
  const tsv = join(dir, 'iris.txt');
  writeFileSync(tsv, `sepal length\tsepal width\tpetal length\tpetal width\tspecies\n${irisRows().map((r) => [...r.slice(1), ['setosa', 'versicolor', 'virginica'][Number(r[0])]].join('\t')).join('\n')}\n`);
  const histories: string[] = [];
  for (const flags of [[], ['--delimiter', 'tab'], ['--delimiter', '\\t'], ['--delimiter', '\t', '--header', 'yes']]) {
    const out = join(dir, `iris-tsv-${histories.length}`);
    const run = await runCli('train', '--data', tsv, ...flags, '--val-split', '0.2', '--epochs', '2', '--seed', '5', '--threads', '1', '--out', out);
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^Data: table .*iris\.txt, 120 train, 30 validation .*; 4 features; 3 classes \(setosa, versicolor, virginica\)$/m);
    histories.push(readFileSync(join(out, 'history.csv'), 'utf8'));
    if (flags.length > 0) assert.equal((await modelData(join(out, 'model'))).loadOptions['delimiter'], '\t');
  }
  assert.equal(new Set(histories).size, 1, 'the same table, the same run');
});

/** Writes an .npz with NumPy; false when python3 or numpy is missing. */
function savez(path: string, body: string): boolean {
  try {
    execFileSync(PYTHON, ['-c', `import numpy as np\nr = np.random.default_rng(0)\n${body}\n`]);
    return existsSync(path);
  } catch {
    return false;
  }
}

test('an .npz of other names trains with --arrays, evaluate reads the same arrays from the model, and a missing name is refused listing the arrays', { skip: skipUnless(PYTHON, 'python3') }, async (t) => {
  const npz = join(dir, 'named.npz');
  const written = savez(npz, `
def blobs(n):
    y = r.integers(0, 3, n)
    return (r.normal(size=(n, 5)) + 3 * np.eye(3, 5)[y]).astype(np.float32), y.astype(np.int64)
a, b = blobs(150); c, d = blobs(50)
np.savez(${JSON.stringify(npz)}, features=a, labels=b, held_features=c, held_labels=d)`);
  if (!written) return t.skip('python3 numpy not installed');
  const out = join(dir, 'named');
  const run = await runCli('train', '--data', npz, '--arrays', 'features,labels,held_features,held_labels', '--epochs', '4', '--seed', '2', '--threads', '1', '--out', out);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^Data: arrays .*named\.npz, 150 train, 50 test; 5 features; 3 classes/m);
  const record = await modelData(join(out, 'model'));
  assert.deepEqual([record.loadOptions['x'], record.loadOptions['y'], record.loadOptions['xTest'], record.loadOptions['yTest']], ['features', 'labels', 'held_features', 'held_labels']);
  const evaluated = await runCli('evaluate', '--model', join(out, 'model'));
  assert.equal(evaluated.code, 0, evaluated.err);
  assert.match(evaluated.out, /^Data: arrays .*named\.npz, 150 train, 50 test/m);
  assert.equal(accuracyOf(evaluated.out), finalValAccuracy(run.out));

  // Two names: the training pair, the rest held out by --val-split.
  const pair = await runCli('train', '--data', npz, '--arrays', 'held_features,held_labels', '--val-split', '0.2', '--epochs', '1', '--threads', '1', '-q');
  assert.equal(pair.code, 0, pair.err);

  for (const [args, message] of [
    [['--arrays', 'features,targets'], /^noisenet train: .*named\.npz: no array named 'targets'; the arrays are 'features', 'labels', 'held_features', 'held_labels'$/],
    [[], /^noisenet train: .*named\.npz: no array named 'x_train'; the arrays are 'features', /],
    [['--arrays', 'features'], /^noisenet train: --arrays must be two or four distinct array names, X,Y\[,X_TEST,Y_TEST\]/],
  ] as [string[], RegExp][]) {
    const bad = join(dir, 'named-bad');
    const refused = await runCli('train', '--data', npz, ...args, '--epochs', '1', '--out', bad);
    assert.equal(refused.code === 0, false, args.join(' '));
    assert.equal(refused.err.trim().split('\n').length, 1, refused.err);
    assert.match(refused.err.trim(), message);
    assert.equal(existsSync(bad), false);
  }
});

test('--class-names names the classes of an .npz: the Data line, the saved model, evaluate and predict use them; too few names, or names for a table, are refused', { skip: skipUnless(PYTHON, 'python3') }, async (t) => {
  const npz = join(dir, 'named-classes.npz');
  const written = savez(npz, `
y = r.integers(0, 3, 120)
x = (r.normal(size=(120, 4)) + 3 * np.eye(3, 4)[y]).astype(np.float32)
np.savez(${JSON.stringify(npz)}, x_train=x, y_train=y.astype(np.int64))`);
  if (!written) return t.skip('python3 numpy not installed');
  const out = join(dir, 'named-classes');
  const run = await runCli('train', '--data', npz, '--class-names', 'ant, bee ,cat', '--val-split', '0.25', '--epochs', '3', '--seed', '4', '--threads', '1', '--out', out);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^Data: arrays .*named-classes\.npz, 90 train, 30 validation .*; 4 features; 3 classes \(ant, bee, cat\)$/m);
  const model = JSON.parse(readFileSync(join(out, 'model', 'model.json'), 'utf8')) as { noisenet: { data: { classes: string[] } } };
  assert.deepEqual(model.noisenet.data.classes, ['ant', 'bee', 'cat']);
  const evaluated = await runCli('evaluate', '--model', join(out, 'model'));
  assert.equal(evaluated.code, 0, evaluated.err);
  assert.equal(accuracyOf(evaluated.out), finalValAccuracy(run.out));
  const rows = join(dir, 'named-classes-rows.npy');
  execFileSync(PYTHON, ['-c', `import numpy as np\nnp.save(${JSON.stringify(rows)}, np.load(${JSON.stringify(npz)})['x_train'][:6])`]);
  const predicted = await runCli('predict', '--model', join(out, 'model'), '--input', rows);
  assert.equal(predicted.code, 0, predicted.err);
  const names = predicted.out.trim().split('\n').map((line) => line.split('\t')[1]);
  assert.equal(names.length, 6);
  for (const name of names) assert.ok(['ant', 'bee', 'cat'].includes(name!), predicted.out);

  writeFileSync(join(dir, 'classes-config.json'), JSON.stringify({ data: { path: npz, classNames: ['ant', 'bee', 'cat'], valSplit: 0.25 }, epochs: 1, seeds: [1] }));
  const compared = await runCli('compare', '--config', join(dir, 'classes-config.json'), '--card', 'none', '--out', join(dir, 'classes-compare'), '-q');
  assert.equal(compared.code, 0, compared.err);
  const results = JSON.parse(readFileSync(join(dir, 'classes-compare', 'results.json'), 'utf8')) as { dataset: { classes: string[] } };
  assert.deepEqual(results.dataset.classes, ['ant', 'bee', 'cat']);

  for (const [data, args, message] of [
    [npz, ['--class-names', 'ant,bee', '--val-split', '0.25'], /^noisenet train: .*named-classes\.npz: 2 class names given, but the targets go up to 2$/],
    [npz, ['--class-names', 'ant,ant,bee', '--val-split', '0.25'], /^noisenet train: --class-names must be distinct non-empty class names, class 0 first/],
    [IRIS, ['--class-names', 'a,b,c', '--val-split', '0.25'], /^noisenet train: --class-names applies only to \.npz files and IDX folders \(tables and image folders name their classes\); .*iris\.csv is a table$/],
  ] as [string, string[], RegExp][]) {
    const bad = join(dir, 'classes-bad');
    const refused = await runCli('train', '--data', data, ...args, '--epochs', '1', '--out', bad);
    assert.notEqual(refused.code, 0, args.join(' '));
    assert.equal(refused.err.trim().split('\n').length, 1, refused.err);
    assert.match(refused.err.trim(), message);
    assert.equal(existsSync(bad), false);
  }
});

/** A folder of colour images by class, `train/` and `test/`: 10x10 RGB, red-ish and blue-ish with noise; the training pixels returned. */
function colourFolder(root: string): Uint8Array[] {
  let state = 7;
  const rand = (): number => ((state = (state * 1103515245 + 12345) >>> 0) >>> 8) / (1 << 24);
  const trainPixels: Uint8Array[] = [];
  for (const [split, count] of [['train', 16], ['test', 8]] as const) {
    for (const [c, name] of ['blue', 'red'].entries()) {
      const folder = join(root, split, name);
      mkdirSync(folder, { recursive: true });
      for (let i = 0; i < count; i++) {
        const px = new Uint8Array(10 * 10 * 3);
        for (let p = 0; p < 100; p++) {
          px[p * 3] = Math.round(c === 1 ? 150 + rand() * 100 : rand() * 120);
          px[p * 3 + 1] = Math.round(40 + rand() * 60);
          px[p * 3 + 2] = Math.round(c === 0 ? 120 + rand() * 130 : rand() * 90);
        }
        writeFileSync(join(folder, `${i}.png`), encodePng(px, 10, 10, 3));
        if (split === 'train') trainPixels.push(px);
      }
    }
  }
  return trainPixels;
}

/** Each channel's mean and biased variance of value / 255, in float64. */
function channelStatistics(images: readonly Uint8Array[]): { mean: number[]; variance: number[] } {
  const mean = [0, 0, 0];
  const variance = [0, 0, 0];
  const n = images.length * 100;
  for (const px of images) for (let i = 0; i < px.length; i++) mean[i % 3]! += px[i]! / 255 / n;
  for (const px of images) for (let i = 0; i < px.length; i++) variance[i % 3]! += (px[i]! / 255 - mean[i % 3]!) ** 2 / n;
  return { mean, variance };
}

let colours = '';
let colourPixels: Uint8Array[] = [];
const colourData = (): string => {
  if (colours === '') {
    colours = join(dir, 'colours');
    colourPixels = colourFolder(colours);
  }
  return colours;
};

test('--pixels standardize puts a normalization layer first with the per-channel statistics of the training split; evaluate and predict on the saved model give the results of training', async () => {
  const data = colourData();
  const out = join(dir, 'colours-std');
  const run = await runCli('train', '--data', data, '--pixels', 'standardize', '--epochs', '4', '--seed', '6', '--threads', '1', '--out', out);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^Data: images .*colours, 32 train, 16 test; samples 10x10x3; 2 classes \(blue, red\)$/m);
  assert.match(run.out, /^Preprocessing: pixels read as value \/ 255; each channel standardised \(mean 0, variance 1 on the training split\) by a normalization layer$/m);
  assert.match(run.out, /^Noise: .* \(on the standardised pixels\)$/m);

  const model = await loadModel(join(out, 'model'));
  const first = model.layers.find((l) => l.className !== 'InputLayer')!;
  assert.equal(first.className, 'Normalization');
  // The mlp reads each image as one vector of its pixels, channel last: the channel statistics repeated for every pixel.
  const expected = channelStatistics(colourPixels);
  const { mean, variance } = (first as Normalization).statistics();
  assert.equal(mean.length, 300);
  for (let i = 0; i < 300; i++) {
    assert.ok(Math.abs(mean[i]! - expected.mean[i % 3]!) < 1e-6, `mean ${i}: ${mean[i]} vs ${expected.mean[i % 3]}`);
    assert.ok(Math.abs(variance[i]! - expected.variance[i % 3]!) < 1e-6, `variance ${i}: ${variance[i]} vs ${expected.variance[i % 3]}`);
  }
  const record = await modelData(join(out, 'model'));
  assert.equal(record.pixels, 'standardize');
  assert.equal(record.standardized, true);

  const final = /^Final \(epoch 4\/4\): .*val_loss: (\d+\.\d{4}) - val_accuracy: (\d\.\d{4})$/m.exec(run.out)!;
  const evaluated = await runCli('evaluate', '--model', join(out, 'model'));
  assert.equal(evaluated.code, 0, evaluated.err);
  assert.match(evaluated.out, new RegExp(`loss: ${final[1]}`));
  assert.equal(accuracyOf(evaluated.out).toFixed(4), final[2]);
  const predicted = await runCli('predict', '--model', join(out, 'model'), '--input', join(data, 'test'));
  assert.equal(predicted.code, 0, predicted.err);
  const lines = predicted.out.trim().split('\n');
  assert.equal(lines.length, 16);
  const correct = lines.filter((l) => l.split('\t')[0]!.split('/')[0] === l.split('\t')[1]).length;
  assert.equal((correct / 16).toFixed(4), final[2]);

  // The convnet reads the images as they are: one mean and one variance per channel.
  const conv = join(dir, 'colours-convnet');
  const convRun = await runCli('train', '--data', data, '--model', 'convnet', '--pixels', 'standardize', '--epochs', '1', '--threads', '1', '--out', conv);
  assert.equal(convRun.code, 0, convRun.err);
  const convFirst = (await loadModel(join(conv, 'model'))).layers.find((l) => l.className !== 'InputLayer')!;
  assert.equal(convFirst.className, 'Normalization');
  const perChannel = (convFirst as Normalization).statistics();
  assert.equal(perChannel.mean.length, 3);
  for (let c = 0; c < 3; c++) {
    assert.ok(Math.abs(perChannel.mean[c]! - expected.mean[c]!) < 1e-6, `mean of channel ${c}: ${perChannel.mean[c]} vs ${expected.mean[c]}`);
    assert.ok(Math.abs(perChannel.variance[c]! - expected.variance[c]!) < 1e-6, `variance of channel ${c}: ${perChannel.variance[c]} vs ${expected.variance[c]}`);
  }
  const convEvaluated = await runCli('evaluate', '--model', join(conv, 'model'));
  assert.equal(convEvaluated.code, 0, convEvaluated.err);
  assert.equal(accuracyOf(convEvaluated.out), finalValAccuracy(convRun.out));

  // Without the flag the pixels stay as value / 255: no normalization layer.
  const unit = join(dir, 'colours-unit');
  assert.equal((await runCli('train', '--data', data, '--pixels', 'unit', '--epochs', '1', '--threads', '1', '--out', unit, '-q')).code, 0);
  assert.ok((await loadModel(join(unit, 'model'))).layers.every((l) => l.className !== 'Normalization'));
});

interface Results {
  config: { data?: Record<string, unknown> };
  runs: { configuration: string; seed: number; history: Record<string, number[]>; model: { layers: { className: string }[] } }[];
}

test('compare --pixels standardize trains each run as train does with the same seed, the normalization first in every model; a config file says data.pixels', async () => {
  const data = colourData();
  const trained = join(dir, 'colours-train');
  assert.equal((await runCli('train', '--data', data, '--pixels', 'standardize', '--noise', 'gaussian:stddev=0.2', '--epochs', '2', '--seed', '8', '--threads', '1', '--out', trained, '-q')).code, 0);
  const history = await readJson<Record<string, number[]>>(join(trained, 'history.json'));

  const out = join(dir, 'colours-compare');
  const compared = await runCli('compare', '--data', data, '--pixels', 'standardize', '--noise', 'gaussian:stddev=0.2', '--epochs', '2', '--seed', '8', '--seeds', '8,9', '--card', 'none', '--threads', '1', '--out', out);
  assert.equal(compared.code, 0, compared.err);
  assert.match(compared.out, /^Preprocessing: pixels read as value \/ 255; each channel standardised \(mean 0, variance 1 on the training set\) by a normalization layer first in every model$/m);
  const results = await readJson<Results>(join(out, 'results.json'));
  assert.deepEqual(results.config.data, { path: data, pixels: 'standardize' });
  assert.ok(results.runs.every((r) => r.model.layers[1]!.className === 'Normalization'));
  const noisy = results.runs.find((r) => r.configuration === 'gaussian:stddev=0.2' && r.seed === 8)!;
  for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy']) assert.deepEqual(noisy.history[key], history[key], key);

  const config = join(dir, 'colours.json');
  writeFileSync(config, JSON.stringify({ data: { path: data, pixels: 'standardize' }, epochs: 1, seeds: 1, hidden: [8], robustness: { card: 'none' } }));
  const fromFile = join(dir, 'colours-config');
  const run = await runCli('compare', '--config', config, '--out', fromFile, '-q');
  assert.equal(run.code, 0, run.err);
  assert.ok((await readJson<Results>(join(fromFile, 'results.json'))).runs.every((r) => r.model.layers[1]!.className === 'Normalization'));
});

test('a config file reads a table with data.delimiter, data.header and data.target, as the flags do', { skip: skipUnless(IRIS, "Debian's python3-sklearn") }, async () => {
  const csv = join(dir, 'iris-config.csv');
  writeFileSync(csv, `${irisRows().map((r) => r.join('|')).join('\n')}\n`);
  const config = join(dir, 'iris-config.json');
  writeFileSync(config, JSON.stringify({ data: { path: csv, delimiter: '|', header: 'no', target: 0, valSplit: 0.2 }, epochs: 2, seeds: 1, hidden: [8], robustness: { card: 'none' } }));
  const fromFile = join(dir, 'iris-config-out');
  const run = await runCli('compare', '--config', config, '--out', fromFile, '-q');
  assert.equal(run.code, 0, run.err);
  const flags = join(dir, 'iris-flags-out');
  const same = await runCli('compare', '--data', csv, '--delimiter', '|', '--header', 'no', '--target', '0', '--val-split', '0.2', '--epochs', '2', '--seeds', '1', '--hidden', '8', '--card', 'none', '--out', flags, '-q');
  assert.equal(same.code, 0, same.err);
  const a = await readJson<Results>(join(fromFile, 'results.json'));
  const b = await readJson<Results>(join(flags, 'results.json'));
  assert.deepEqual(b.config.data, { path: csv, target: 0, delimiter: '|', header: 'no', valSplit: 0.2 });
  assert.deepEqual(a.runs.map((r) => r.history['val_loss']), b.runs.map((r) => r.history['val_loss']));

  writeFileSync(config, JSON.stringify({ data: { path: csv, delimiter: ';;' }, epochs: 1 }));
  const bad = await runCli('compare', '--config', config, '--out', join(dir, 'never'));
  assert.notEqual(bad.code, 0);
  assert.match(bad.err.trim(), /data\.delimiter: must be one character other than a quote or a newline, or tab \(\\t\), received ";;"$/);
});

test('a data setting that does not apply to the data (a table\'s column, task or standardisation for images, an image size for a table, a validation split of data with a test split) is refused in one line naming the flag, and nothing is written', { skip: skipUnless(IRIS, "Debian's python3-sklearn") }, async () => {
  const images = colourData();
  const cases: [string, string[], RegExp][] = [
    ['train', ['--data', images, '--delimiter', ';'], /^noisenet train: --delimiter applies only to tables \(CSV\/TSV files\); .*colours is a folder of images$/],
    ['train', ['--data', images, '--header', 'yes'], /^noisenet train: --header applies only to tables/],
    ['train', ['--data', IRIS, '--val-split', '0.2', '--arrays', 'a,b'], /^noisenet train: --arrays applies only to \.npz files; .*iris\.csv is a table$/],
    ['train', ['--data', IRIS, '--val-split', '0.2', '--pixels', 'standardize'], /^noisenet train: --pixels applies only to images \[height, width, channels\] .*iris\.csv is a table: its samples are feature vectors \(4 values\)/],
    ['compare', ['--data', images, '--delimiter', ';', '--seeds', '1'], /^noisenet compare: --delimiter applies only to tables \(CSV\/TSV files\); .*colours is a folder of images$/],
    ['sweep', ['--data', IRIS, '--val-split', '0.2', '--pixels', 'standardize', '--noise', 'gaussian:stddev={0,0.1}'], /^noisenet sweep: --pixels \(data\.pixels in a config file\) applies only to images/],
    ['train', ['--data', images, '--target', '0'], /^noisenet train: --target applies only to tables \(CSV\/TSV files\); .*colours is a folder of images$/],
    ['train', ['--data', IRIS, '--val-split', '0.2', '--channels', '3'], /^noisenet train: --channels applies only to folders of images; .*iris\.csv is a table$/],
    ['train', ['--data', IRIS, '--val-split', '0.2', '--image-size', '8x8'], /^noisenet train: --image-size applies only to folders of images; .*iris\.csv is a table$/],
    ['train', ['--data', images, '--val-split', '0.2'], /^noisenet train: --val-split applies only to data without a test split; .*colours has its own test split, which validates$/],
    ['compare', ['--data', images, '--val-split', '0.2', '--seeds', '1'], /^noisenet compare: --val-split applies only to data without a test split/],
    ['train', ['--data', images, '--task', 'regression'], /^noisenet train: --task applies only to tables and \.npz files \(image folders and IDX files hold classes\); .*colours is a folder of images$/],
    ['train', ['--data', images, '--no-standardize'], /^noisenet train: --no-standardize applies only to feature vectors \(tables, arrays of features\); .*colours is a folder of images, read as value \/ 255/],
    ['compare', ['--data', images, '--no-standardize', '--seeds', '1'], /^noisenet compare: --no-standardize applies only to feature vectors/],
    ['train', ['--pixels', 'standardize'], /^noisenet train: --pixels applies only with --data PATH/],
    ['train', ['--data', IRIS, '--header', 'maybe'], /^noisenet train: --header must be one of auto, yes, no, received "maybe"$/],
    ['train', ['--data', IRIS, '--delimiter', '"'], /^noisenet train: --delimiter must be one character other than a quote or a newline, or tab \(\\t\), received/],
  ];
  for (const [command, args, message] of cases) {
    const out = join(dir, `misapplied-${cases.findIndex((c) => c[1] === args)}`);
    const run = await runCli(command, ...args, '--epochs', '1', '--out', out);
    assert.notEqual(run.code, 0, args.join(' '));
    assert.equal(run.err.trim().split('\n').length, 1, run.err);
    assert.match(run.err.trim(), message);
    assert.equal(existsSync(out), false, `${out} written`);
  }
});

test("the loaders' advice names the flags on the command line: --channels 1 or 3 for mixed channels, --task regression for a continuous target", async (t) => {
  const mixed = join(dir, 'mixed');
  for (const [name, channels] of [['a', 1], ['b', 3]] as const) {
    mkdirSync(join(mixed, name), { recursive: true });
    for (let i = 0; i < 3; i++) writeFileSync(join(mixed, name, `${i}.png`), encodePng(new Uint8Array(16 * channels).fill(40 * i), 4, 4, channels));
  }
  const refused = await runCli('train', '--data', mixed, '--val-split', '0.3', '--epochs', '1');
  assert.equal(refused.code === 0, false);
  assert.equal(refused.err.trim().split('\n').length, 1, refused.err);
  assert.match(refused.err.trim(), /mixed channel counts are refused \(--channels 1 or --channels 3 converts them\)$/);
  const converted = await runCli('train', '--data', mixed, '--channels', '3', '--val-split', '0.3', '--epochs', '1', '-q');
  assert.equal(converted.code, 0, converted.err);

  const table = join(dir, 'values.csv');
  writeFileSync(table, `x,y\n${Array.from({ length: 300 }, (_, i) => `${i},${i * 7}`).join('\n')}\n`);
  const classes = await runCli('train', '--data', table, '--task', 'classification', '--val-split', '0.2', '--epochs', '1');
  assert.equal(classes.err.trim().split('\n').length, 1, classes.err);
  assert.match(classes.err.trim(), /it looks like a regression target, not classes \(at most 100; pass --task regression to read it as one\)$/);

  const npz = join(dir, 'float-targets.npz');
  if (!savez(npz, `np.savez(${JSON.stringify(npz)}, x_train=r.normal(size=(40, 3)).astype(np.float32), y_train=r.normal(size=40).astype(np.float32))`)) return t.skip('python3 numpy not installed');
  const arrays = await runCli('train', '--data', npz, '--task', 'classification', '--val-split', '0.2', '--epochs', '1');
  assert.equal(arrays.err.trim().split('\n').length, 1, arrays.err);
  assert.match(arrays.err.trim(), /expected a class index \(an integer from 0\); pass --task regression for continuous targets$/);
  const values = await runCli('train', '--data', npz, '--task', 'regression', '--val-split', '0.2', '--epochs', '1', '-q');
  assert.equal(values.code, 0, values.err);
});

test('--image-size too big for the folder is refused in one line before any image is read, and nothing is written', async () => {
  const folder = join(dir, 'colour-big');
  colourFolder(folder);
  const out = join(dir, 'out-big');
  const refused = await runCli('train', '--data', folder, '--image-size', '4000x4000', '--epochs', '1', '--out', out, '-q');
  assert.equal(refused.code, 1, refused.err);
  assert.equal(refused.err.trim().split('\n').length, 1, refused.err);
  assert.match(refused.err, /colour-big: 48 images at 4000x4000 pixels \(3 bytes a pixel\) make 2304000000 bytes, more than the limit of 268435456 \(256 MiB\); ask for a smaller --image-size$/m);
  assert.equal(existsSync(out), false);
});
