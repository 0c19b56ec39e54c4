/**
 * Gaussian input noise is ridge regression for a linear model under the mean squared error:
 * on the diabetes table (standardised), a linear model trained with input noise of stddev s
 * reaches the closed-form ridge weights of alpha = n s^2 (within 2%), and without noise the
 * least-squares weights (within 0.5%). The closed form itself agrees with scikit-learn's Ridge. Skipped
 * without Debian's python3-sklearn, which ships the table.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { noiseRidgeAlpha, ridgeSolution } from './ridge.js';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { adam } from '../optimizers/adam.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { pythonSkip, runPython } from '../testing/python-reference.js';

const DIR = '/usr/lib/python3/dist-packages/sklearn/datasets/data/';
const SKIP = existsSync(`${DIR}diabetes_data_raw.csv.gz`) ? false : "no diabetes table here (Debian's python3-sklearn)";

/** The diabetes table, features and target standardised (population statistics). */
function diabetes(): { x: number[][]; t: number[] } {
  const rows = (f: string): number[][] => gunzipSync(readFileSync(DIR + f)).toString().trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const raw = rows('diabetes_data_raw.csv.gz');
  const target = rows('diabetes_target.csv.gz').flat();
  const standardise = (v: number[]): number[] => {
    const m = v.reduce((s, a) => s + a, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, a) => s + (a - m) ** 2, 0) / v.length);
    return v.map((a) => (a - m) / sd);
  };
  const cols = raw[0]!.map((_, j) => standardise(raw.map((r) => r[j]!)));
  return { x: raw.map((_, i) => cols.map((c) => c[i]!)), t: standardise(target) };
}

const relative = (a: number[], b: number[]): number => Math.hypot(...a.map((v, i) => v - b[i]!)) / Math.hypot(...b);

test('the closed-form ridge solution is scikit-learn\'s Ridge', { skip: SKIP || pythonSkip(['sklearn']) }, () => {
  const { x, t } = diabetes();
  const ours = ridgeSolution(x, t, 50);
  const file = writeJson({ x, t });
  after(() => rmSync(dirname(file), { recursive: true, force: true }));
  const theirs = JSON.parse(runPython(['sklearn'], `import json, sys
from sklearn.linear_model import Ridge
d = json.loads(open(sys.argv[1]).read())
m = Ridge(alpha=50).fit(d['x'], d['t'])
print(json.dumps({'w': list(m.coef_), 'b': m.intercept_}))`, [file])) as { w: number[]; b: number };
  assert.ok(relative(ours.weights, theirs.w) < 1e-9, `${ours.weights} vs ${theirs.w}`);
  assert.ok(Math.abs(ours.intercept - theirs.b) < 1e-9);
});

test('a linear model with Gaussian input noise reaches the ridge weights of alpha = n s^2, and without noise least squares', { skip: SKIP }, async () => {
  const { x, t } = diabetes();
  const n = x.length;
  for (const [stddev, tolerance] of [[0, 5e-3], [0.5, 0.02]] as const) {
    const model = sequential([input({ shape: [10] }), gaussianNoise({ stddev }), dense({ units: 1 })], { backend: createRefBackend() });
    // Full batches, then a tenth of the learning rate with the weights averaged over its epochs
    // (Polyak): the average settles on the minimiser of the expected loss, which the noise draws shake.
    model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'meanSquaredError' });
    await model.fit(x, t, { epochs: 1000, batchSize: n, seed: 1 });
    model.compile({ optimizer: adam({ learningRate: 0.001 }), loss: 'meanSquaredError' });
    const learned = new Array<number>(10).fill(0);
    const average = { onEpochEnd: (): void => model.getWeights()[0]!.data.forEach((w, j) => (learned[j]! += w / 300)) };
    await model.fit(x, t, { epochs: 300, batchSize: n, seed: 2, callbacks: [average] });
    const ridge = ridgeSolution(x, t, noiseRidgeAlpha(n, stddev)).weights;
    assert.ok(relative(learned, ridge) < tolerance, `stddev ${stddev}: relative distance ${relative(learned, ridge)} to the ridge weights`);
    if (stddev > 0) assert.ok(relative(learned, ridgeSolution(x, t, 0).weights) > 0.3, 'the noise shrinks the weights away from least squares');
  }
});

/** Writes `value` as JSON into a fresh temporary folder; returns the file's path. */
function writeJson(value: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'noisenet-ridge-')), 'data.json');
  writeFileSync(path, JSON.stringify(value));
  return path;
}
