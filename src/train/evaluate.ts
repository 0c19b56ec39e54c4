/** Evaluation and prediction: forward passes in order, noise off. */
import type { Trainable } from './trainable.js';
import { Tensor } from '../tensor/tensor.js';
import { FeatureSource, TargetSource, identityIndex } from './data-source.js';
import { checkNumber } from '../validate.js';
import { invalid } from '../errors.js';
import { checkOptionKeys, optionKeys } from '../schema/option-keys.js';
import { checkFiniteData } from './finite.js';

export interface EvaluateOptions {
  /** Samples per forward pass; default 256 (the result does not depend on it beyond float rounding). */
  batchSize?: number;
}

/** The mean loss over the samples, and the accuracy when the model was compiled with it. */
export interface EvaluateResult {
  loss: number;
  accuracy?: number;
}

const OFF = { training: false, step: 0, epoch: 0 } as const;
const EVALUATE_OPTIONS = optionKeys<EvaluateOptions>({ batchSize: true });

/** Loss and metrics of `model` on sources already checked against it. */
export function evaluateSources(model: Trainable, x: FeatureSource, y: TargetSource, batchSize: number): EvaluateResult {
  const engine = model.engine();
  model.ensureWeights();
  const index = identityIndex(x.count);
  let loss = 0;
  let correct = 0;
  for (let start = 0; start < x.count; start += batchSize) {
    const count = Math.min(batchSize, x.count - start);
    const out = engine.forward(x, index, start, count, OFF);
    const targets = y.gather(engine.backend, index, start, count, engine.buffer('targets', count * engine.outputs));
    const r = engine.score(out, targets, count, false);
    loss += r.loss;
    correct += r.correct;
  }
  const result: EvaluateResult = { loss: loss / x.count };
  if (model.compiled().metrics.includes('accuracy')) result.accuracy = correct / x.count;
  return result;
}

/** Loss and metrics of `model` on `x`, `y`, without noise. */
export function evaluate(model: Trainable, x: Tensor, y: Tensor, options: EvaluateOptions = {}): EvaluateResult {
  if (!(x instanceof Tensor) || !(y instanceof Tensor)) throw invalid('evaluate', 'x and y', 'Tensors (inputs and targets)', y === undefined ? 'no targets' : typeof y);
  checkOptionKeys('evaluate', options, EVALUATE_OPTIONS);
  const engine = model.engine();
  const batchSize = checkNumber('evaluate', 'batchSize', options.batchSize ?? 256, { min: 1, integer: true });
  const xs = new FeatureSource(x, model.layers[0]!.outputShape, 'x');
  const ys = new TargetSource(y, xs.count, engine.outputs, model.compiled().loss.sparse, 'y');
  checkFiniteData('evaluate x', x);
  if (!model.compiled().loss.sparse) checkFiniteData('evaluate y', y);
  return evaluateSources(model, xs, ys, batchSize);
}

/** Outputs of `model` for every sample of `x` (probabilities after a softmax), without noise. */
export function predict(model: Trainable, x: Tensor, options: EvaluateOptions = {}): Tensor {
  checkOptionKeys('predict', options, EVALUATE_OPTIONS);
  const engine = model.engine(true);
  model.ensureWeights();
  const batchSize = checkNumber('predict', 'batchSize', options.batchSize ?? 256, { min: 1, integer: true });
  if (!(x instanceof Tensor)) throw invalid('predict', 'x', 'a Tensor (inputs)', typeof x);
  const xs = new FeatureSource(x, model.layers[0]!.outputShape, 'x');
  checkFiniteData('predict x', x);
  const k = engine.outputs;
  const result = new Float32Array(xs.count * k);
  const index = identityIndex(xs.count);
  for (let start = 0; start < xs.count; start += batchSize) {
    const count = Math.min(batchSize, xs.count - start);
    const out = engine.forward(xs, index, start, count, OFF);
    if (model.softmaxAfterLogits) engine.backend.biasActivation(out, null, out, count, k, 'softmax');
    result.set(out.subarray(0, count * k), start * k);
  }
  return new Tensor(result, [xs.count, ...model.outputShape]);
}
