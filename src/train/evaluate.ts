/** Evaluation and prediction: forward passes in order, noise off. */
import type { Trainable } from './trainable.js';
import type { FloatArray } from '../kernels/backend.js';
import { Tensor } from '../tensor/tensor.js';
import { FeatureSource, TargetSource, identityIndex } from './data-source.js';
import { checkNumber } from '../validate.js';
import { DeviceSupportError, invalid } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../schema/option-keys.js';
import { checkFiniteData } from './finite.js';
import { MetricSet } from './metric-set.js';
import { checkDeviceParts } from './device-parts.js';

export interface EvaluateOptions {
  /** Samples per forward pass; default 256 (the result does not depend on it beyond float rounding). */
  batchSize?: number;
}

/** The mean loss over the samples, the accuracy of a classifier and the compiled metrics, under their keys. */
export interface EvaluateResult {
  loss: number;
  /**
   * For a classifier, the fraction of samples whose largest output is their class (for one-hot
   * or soft targets, the target's largest value; for a binary model, outputs on the target's
   * side of 0.5). Always computed for a classifier, as it costs nothing; `fit` reports
   * `val_accuracy` only when `accuracy` was compiled in, as Keras does. Typed as always there,
   * since a classifier's `evaluate(...).accuracy` should need no `!`; a regression model's
   * result has no `accuracy` key at all (read `mae`, `rmse`, `r2` there).
   */
  accuracy: number;
  /** The compiled metrics: `mae`, `rmse`, `r2`, `auc`, ... */
  [metric: string]: number;
}

const OFF = { training: false, step: 0, epoch: 0 } as const;
const EVALUATE_OPTIONS = optionKeys<EvaluateOptions>({ batchSize: true });

/**
 * Loss and metrics of `model` on sources already checked against it: `metrics` (by default
 * the compiled ones, with accuracy for a classifier) reset, updated and read.
 */
export function evaluateSources(model: Trainable, x: FeatureSource, y: TargetSource, batchSize: number, metrics?: MetricSet): EvaluateResult {
  const engine = model.engine();
  if (engine.backend.device) throw onDevice(engine.backend.name, 'evaluate');
  model.ensureWeights();
  const set = metrics ?? MetricSet.of(model.compiled(), engine.outputs, true);
  const index = identityIndex(x.count);
  let loss = 0;
  const before = engine.metrics;
  engine.metrics = set;
  set.reset();
  try {
    for (let start = 0; start < x.count; start += batchSize) {
      const count = Math.min(batchSize, x.count - start);
      const out = engine.forward(x, index, start, count, OFF);
      const targets = y.gather(engine.backend, index, start, count, engine.buffer('targets', count * engine.outputs));
      const r = engine.score(out, targets, count, false);
      loss += r.loss;
    }
  } finally {
    engine.metrics = before;
  }
  return { loss: loss / x.count, ...set.results() } as EvaluateResult;
}

/**
 * {@link evaluateSources} on any backend: on one whose buffers live on a device, every batch
 * queues its loss and correct count and they are read back once, at the end.
 */
export async function evaluateSourcesAsync(model: Trainable, x: FeatureSource, y: TargetSource, batchSize: number, metrics?: MetricSet): Promise<EvaluateResult> {
  const engine = model.engine();
  const device = engine.backend.device;
  if (!device) return evaluateSources(model, x, y, batchSize, metrics);
  model.ensureWeights();
  const set = metrics ?? MetricSet.of(model.compiled(), engine.outputs, true);
  const index = identityIndex(x.count);
  const counts: number[] = [];
  for (let start = 0; start < x.count; start += batchSize) {
    const count = Math.min(batchSize, x.count - start);
    const out = engine.forward(x, index, start, count, OFF);
    const targets = y.gather(engine.backend, index, start, count, engine.buffer('targets', count * engine.outputs));
    engine.score(out, targets, count, false);
    counts.push(count);
  }
  const values = await device.takeScalars();
  if (values.length !== 2 * counts.length) throw new Error(`device: ${counts.length} batches queued ${2 * counts.length} values, ${values.length} came back`);
  set.reset();
  let loss = 0;
  counts.forEach((count, i) => {
    loss += values[2 * i]!;
    set.addCorrect(values[2 * i + 1]!, count);
  });
  return { loss: loss / x.count, ...set.results() } as EvaluateResult;
}

/** The error a synchronous `evaluate` or `predict` gives on a device backend. */
function onDevice(backend: string, what: 'evaluate' | 'predict'): DeviceSupportError {
  return new DeviceSupportError(`${what}: the ${backend} backend keeps its buffers on its device, so results come back asynchronously; use await model.${what}Async(...)`);
}

/** The checked sources and metrics of an `evaluate` call. */
function evaluation(model: Trainable, x: Tensor, y: Tensor, options: EvaluateOptions): { xs: FeatureSource; ys: TargetSource; batchSize: number; metrics: MetricSet } {
  if (!(x instanceof Tensor) || !(y instanceof Tensor)) throw invalid('evaluate', 'x and y', 'Tensors (inputs and targets)', y === undefined ? 'no targets' : typeof y);
  checkOptionKeys('evaluate', options, EVALUATE_OPTIONS);
  const engine = model.engine();
  const batchSize = checkNumber('evaluate', 'batchSize', options.batchSize ?? 256, { min: 1, integer: true });
  const xs = new FeatureSource(x, model.layers[0]!.outputShape, 'x');
  const compiled = model.compiled();
  const ys = new TargetSource(y, xs.count, engine.outputs, compiled.loss.sparse, 'y');
  checkFiniteData('evaluate x', x);
  const metrics = MetricSet.of(compiled, engine.outputs, true);
  if (!compiled.loss.sparse) {
    checkFiniteData('evaluate y', y);
    const values = floats(y);
    compiled.loss.checkTargets?.(values, engine.outputs, 'evaluate y');
    metrics.checkTargets(engine.backend, values, xs.count, engine.outputs, 'evaluate y');
  }
  return { xs, ys, batchSize, metrics };
}

/** Loss and metrics of `model` on `x`, `y`, without noise (on a host backend; {@link evaluateAsync} on any). */
export function evaluate(model: Trainable, x: Tensor, y: Tensor, options: EvaluateOptions = {}): EvaluateResult {
  const { xs, ys, batchSize, metrics } = evaluation(model, x, y, options);
  return evaluateSources(model, xs, ys, batchSize, metrics);
}

/** {@link evaluate} on any backend, a device one included (parts it cannot run refused first). */
export async function evaluateAsync(model: Trainable, x: Tensor, y: Tensor, options: EvaluateOptions = {}): Promise<EvaluateResult> {
  checkDeviceParts(model, { where: 'evaluate', compiled: true });
  const { xs, ys, batchSize, metrics } = evaluation(model, x, y, options);
  return evaluateSourcesAsync(model, xs, ys, batchSize, metrics);
}

/** The target values of `y` as floats (scaled as the model reads them). */
export function floats(y: Tensor): Float32Array {
  const out = new Float32Array(y.data.length);
  for (let i = 0; i < out.length; i++) out[i] = y.data[i]! * y.scale;
  return out;
}

/** Outputs of `model` for every sample of `x` (probabilities after a softmax or a sigmoid), without noise (on a host backend; {@link predictAsync} on any). */
export function predict(model: Trainable, x: Tensor, options: EvaluateOptions = {}): Tensor {
  checkOptionKeys('predict', options, EVALUATE_OPTIONS);
  const engine = model.engine(true);
  if (engine.backend.device) throw onDevice(engine.backend.name, 'predict');
  const passes = predictPasses(model, x, options);
  for (const batch of passes.batches()) passes.keep(batch);
  return passes.result();
}

/**
 * {@link predict} on any backend: on one whose buffers live on a device, each batch's outputs
 * are downloaded once computed (parts it cannot run refused first).
 */
export async function predictAsync(model: Trainable, x: Tensor, options: EvaluateOptions = {}): Promise<Tensor> {
  checkOptionKeys('predict', options, EVALUATE_OPTIONS);
  const device = model.engine(true).backend.device;
  if (!device) return predict(model, x, options);
  checkDeviceParts(model, { where: 'predict', compiled: false });
  const passes = predictPasses(model, x, options);
  for (const batch of passes.batches()) {
    await device.download([batch.out]);
    passes.keep(batch);
  }
  return passes.result();
}

/** A batch's outputs, still in the engine's buffer, and where they go in the result. */
interface PredictedBatch {
  out: FloatArray;
  start: number;
  count: number;
}

/** What predict and predictAsync share: the checked inputs, each batch's forward pass, and the result they fill. */
function predictPasses(model: Trainable, x: Tensor, options: EvaluateOptions): { batches(): Generator<PredictedBatch>; keep(b: PredictedBatch): void; result(): Tensor } {
  const engine = model.engine(true);
  model.ensureWeights();
  const batchSize = checkNumber('predict', 'batchSize', options.batchSize ?? 256, { min: 1, integer: true });
  if (!(x instanceof Tensor)) throw invalid('predict', 'x', 'a Tensor (inputs)', typeof x);
  const xs = new FeatureSource(x, model.layers[0]!.outputShape, 'x');
  checkFiniteData('predict x', x);
  const k = engine.outputs;
  const values = new Float32Array(xs.count * k);
  const index = identityIndex(xs.count);
  const after = model.fusedActivation ?? (model.softmaxAfterLogits ? 'softmax' : null);
  return {
    *batches() {
      for (let start = 0; start < xs.count; start += batchSize) {
        const count = Math.min(batchSize, xs.count - start);
        const out = engine.forward(xs, index, start, count, OFF);
        if (after) engine.backend.biasActivation(out, null, out, count, k, after);
        yield { out, start, count };
      }
    },
    keep: (b) => values.set(b.out.subarray(0, b.count * k), b.start * k),
    result: () => new Tensor(values, [xs.count, ...model.outputShape]),
  };
}
