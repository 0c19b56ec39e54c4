/**
 * The metrics: hand-computed values, TensorFlow.js' metrics on the same numbers (skipped
 * without the devDependency), the exact ROC area against counting pairs, and the undefined
 * cases said rather than divided by zero.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMetrics, findMetric, parseMetric, rocAuc, splitMetricList, METRIC_NAMES, type MetricSpelling } from './index.js';
import { sequential } from '../../models/sequential.js';
import { dense } from '../../layers/dense.js';
import { input } from '../../layers/input.js';
import { Tensor } from '../../tensor/tensor.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import type { Metric } from '../../parts/metric.js';
import type { Task } from '../../parts/loss.js';
import { Xoshiro128 } from '../../random/xoshiro.js';

type Tf = any;
const tfjs: Tf | null = await import('@tensorflow/tfjs' as string).catch(() => null);
const b = createRefBackend();

/** `name` over `p` against `t` in batches of 2 rows. */
function value(name: MetricSpelling, task: Task, p: number[], t: number[], cols = 1): Metric {
  const [m] = createMetrics([name], task, cols, 'loss');
  for (let r = 0; r < p.length / cols; r += 2) {
    const rows = Math.min(2, p.length / cols - r);
    m!.update(b, Float32Array.from(p.slice(r * cols, (r + rows) * cols)), { kind: 'dense', values: Float32Array.from(t.slice(r * cols, (r + rows) * cols)) }, rows, cols);
  }
  return m!;
}

test('the regression metrics equal their hand-computed values over several batches', () => {
  const p = [1, 2, 3, 5, 2];
  const t = [1.5, 2, 2, 3, 4];
  // errors: -0.5, 0, 1, 2, -2
  assert.ok(Math.abs(value('mae', 'regression', p, t).result() - 5.5 / 5) < 1e-6);
  assert.ok(Math.abs(value('mse', 'regression', p, t).result() - 9.25 / 5) < 1e-6);
  assert.ok(Math.abs(value('rmse', 'regression', p, t).result() - Math.sqrt(9.25 / 5)) < 1e-6);
  // mean t = 2.5; SS_tot = 1 + 0.25 + 0.25 + 0.25 + 2.25 = 4
  assert.ok(Math.abs(value('r2', 'regression', p, t).result() - (1 - 9.25 / 4)) < 1e-6);
  assert.equal(value('r2', 'regression', t, t).result(), 1);
});

test('accuracy of a binary model thresholds at 0.5; binaryAccuracy takes its threshold', () => {
  const p = [0.9, 0.4, 0.6, 0.2];
  const t = [1, 1, 0, 0];
  assert.equal(value('accuracy', 'binary', p, t).key, 'accuracy');
  assert.equal(value('accuracy', 'binary', p, t).result(), 0.5);
  assert.equal(value('binaryAccuracy', 'binary', p, t).key, 'binary_accuracy');
  assert.equal(value('binaryAccuracy', 'binary', p, t).result(), 0.5);
  const [strict] = createMetrics(['binaryAccuracy'], 'binary', 1, 'loss');
  assert.equal(findMetric('binary_accuracy')!.factory, 'binaryAccuracy');
  assert.ok(strict);
});

test('binaryAccuracy takes its threshold as an option, written as a config or as name:threshold=value, checked by its declaration', () => {
  const p = [0.9, 0.65, 0.6, 0.2, 0.75];
  const t = [1, 1, 0, 0, 1];
  // Above 0.5, 0.6 is wrong (4 of 5 right); above 0.7, 0.65 is wrong and 0.6 right (4 of 5); above 0.8, 0.65 and 0.75 are wrong (3 of 5).
  assert.equal(value('binaryAccuracy', 'binary', p, t).result(), 4 / 5);
  assert.equal(value({ name: 'binaryAccuracy', threshold: 0.7 }, 'binary', p, t).result(), 4 / 5);
  assert.equal(value({ name: 'binaryAccuracy', threshold: 0.8 }, 'binary', p, t).result(), 3 / 5);
  assert.equal(value('binaryAccuracy:threshold=0.8', 'binary', p, t).result(), 3 / 5);
  assert.equal(value('binary_accuracy:threshold=0.8', 'binary', p, t).key, 'binary_accuracy', 'the history key is the metric\'s, whatever its threshold');
  assert.equal(parseMetric({ name: 'binaryAccuracy', threshold: 0.8 }).spelling, 'binaryAccuracy:threshold=0.8');
  assert.equal(parseMetric('binaryAccuracy:threshold=0.5').spelling, 'binaryAccuracy', 'the default is left out');
  assert.equal(parseMetric('acc').spelling, 'accuracy');
  assert.throws(() => parseMetric({ name: 'binaryAccuracy', threshold: 1.5 }), /compile: metric binaryAccuracy: threshold must be a number >= 0 and <= 1, received 1\.5/);
  assert.throws(() => parseMetric('binaryAccuracy:cutoff=0.5'), /compile: metric binaryAccuracy: unknown option 'cutoff'.*threshold/);
  assert.throws(() => parseMetric('auc:threshold=0.5'), /metric auc: unknown option 'threshold'/);
  assert.throws(() => parseMetric('binaryAccuracy:threshold'), /metrics must be name:option=value/);
  assert.deepEqual(splitMetricList('accuracy,binaryAccuracy:threshold=0.7,auc'), ['accuracy', 'binaryAccuracy:threshold=0.7', 'auc']);

  // compile takes it, the model keeps its spelling, and fit's history records it under binary_accuracy.
  const model = sequential([input({ shape: [1] }), dense({ units: 1, activation: 'sigmoid' })], { backend: b });
  model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: [{ name: 'binaryAccuracy', threshold: 0.9 }, 'accuracy'] });
  assert.deepEqual(model.metrics, ['binaryAccuracy:threshold=0.9', 'accuracy']);
  const x = new Tensor(Float32Array.from([-2, -1, 1, 2]), [4, 1]);
  const y = new Tensor(Float32Array.from([0, 0, 1, 1]), [4, 1]);
  model.setWeights([new Tensor(Float32Array.from([1]), [1, 1]), new Tensor(Float32Array.from([0]), [1])]);
  const scores = model.evaluate(x, y);
  // sigmoid(1) = 0.73 and sigmoid(2) = 0.88 are below 0.9: both class-1 samples count as 0 at that threshold.
  assert.equal(scores.binary_accuracy, 0.5);
  assert.equal(scores.accuracy, 1);
  assert.throws(() => model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: [{ name: 'binaryAccuracy', threshold: -1 }] }), /threshold must be a number >= 0 and <= 1, received -1/);
});

test('auc is the exact ROC area: pairs ranked right, ties a half', () => {
  // positives 0.9, 0.4, 0.5; negatives 0.6, 0.2, 0.5: pairs right 2+1+1 ... counted below.
  const scores = [0.9, 0.4, 0.5, 0.6, 0.2, 0.5];
  const labels = [1, 1, 1, 0, 0, 0];
  let pairs = 0;
  for (let i = 0; i < 3; i++) for (let j = 3; j < 6; j++) pairs += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
  assert.equal(pairs, 5.5);
  assert.ok(Math.abs(rocAuc(scores, labels) - pairs / 9) < 1e-12);
  assert.ok(Math.abs(value('auc', 'binary', scores, labels).result() - pairs / 9) < 1e-7);
  const rng = new Xoshiro128(5);
  const s = Array.from({ length: 200 }, () => Math.round(rng.uniform() * 20) / 20);
  const l = s.map((v) => (rng.uniform() < v ? 1 : 0));
  let right = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) if (l[i] === 1 && l[j] === 0) { n++; right += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0; }
  assert.ok(Math.abs(rocAuc(s, l) - right / n) < 1e-12);
});

test('r2 on constant targets and auc with one class are undefined, and say why', () => {
  const r2 = value('r2', 'regression', [1, 2, 3], [2, 2, 2]);
  assert.ok(Number.isNaN(r2.result()));
  assert.match(r2.undefinedBecause!()!, /^r2: the targets are constant \(all 2\), so R\^2 = 1 - SS_res \/ SS_tot is undefined \(SS_tot is 0\); use mae or mse$/);
  const auc = value('auc', 'binary', [0.1, 0.7], [1, 1]);
  assert.ok(Number.isNaN(auc.result()));
  assert.match(auc.undefinedBecause!()!, /^auc: every target is 1 \(2 samples\), so the ROC area is undefined: it needs both classes$/);
});

test('a metric that means nothing for the task is refused with the reason', () => {
  assert.throws(() => createMetrics(['accuracy'], 'regression', 1, 'meanSquaredError'), /^InvalidArgumentError: compile: metric 'accuracy' means nothing for a regression \(meanSquaredError on 1 output\): use mae, rmse, r2 or mse$|compile: metric 'accuracy' means nothing for a regression \(meanSquaredError on 1 output\): use mae, rmse, r2 or mse/);
  assert.throws(() => createMetrics(['auc'], 'multiclass', 10, 'sparseCategoricalCrossentropy'), /metric 'auc' means nothing for a 10-class model \(sparseCategoricalCrossentropy\): use accuracy/);
  assert.throws(() => createMetrics(['r2'], 'binary', 1, 'binaryCrossentropy'), /metric 'r2' means nothing for a binary model/);
  assert.throws(() => createMetrics(['f1'], 'binary', 1, 'binaryCrossentropy'), /metrics must be names from accuracy, binaryAccuracy, mae, mse, rmse, r2, auc, received "f1"/);
  // Accuracy of one-hot rows under a squared error (the argmax) stays, as Keras keeps it.
  assert.equal(createMetrics(['accuracy'], 'regression', 3, 'meanSquaredError')[0]!.key, 'accuracy');
  assert.deepEqual(METRIC_NAMES, ['accuracy', 'binaryAccuracy', 'mae', 'mse', 'rmse', 'r2', 'auc']);
});

test('the metrics agree with TensorFlow.js on the same numbers', { skip: tfjs ? false : '@tensorflow/tfjs not installed' }, async () => {
  const tf = tfjs as Tf;
  await tf.setBackend('cpu');
  const rng = new Xoshiro128(11);
  const p = Array.from({ length: 9 }, () => rng.uniform() * 4 - 2);
  const t = Array.from({ length: 9 }, () => rng.uniform() * 4 - 2);
  const pt = tf.tensor1d(p);
  const tt = tf.tensor1d(t);
  const near = (ours: number, theirs: number, what: string): void => assert.ok(Math.abs(ours - theirs) < 1e-5, `${what}: ${ours} vs TF.js ${theirs}`);
  near(value('mae', 'regression', p, t).result(), tf.metrics.meanAbsoluteError(tt, pt).dataSync()[0], 'mae');
  near(value('mse', 'regression', p, t).result(), tf.metrics.meanSquaredError(tt, pt).dataSync()[0], 'mse');
  near(value('r2', 'regression', p, t).result(), tf.metrics.r2Score(tt, pt).dataSync()[0], 'r2');
  const probs = p.map((v) => 1 / (1 + Math.exp(-v)));
  const labels = t.map((v) => (v > 0 ? 1 : 0));
  near(value('binaryAccuracy', 'binary', probs, labels).result(), tf.metrics.binaryAccuracy(tf.tensor1d(labels), tf.tensor1d(probs)).dataSync()[0], 'binaryAccuracy');
});
