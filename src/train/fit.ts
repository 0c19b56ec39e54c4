/**
 * The training loop, with Keras' semantics: the training set reshuffled every epoch, a partial
 * last batch, `loss` and the compiled metrics (`accuracy`, `mae`, ...) as running values over
 * the epoch (noise on, weights moving), `val_loss` and `val_` the metrics after the epoch with
 * no noise.
 */
import type { Trainable } from './trainable.js';
import type { Callback, FitParams, Logs } from './callback.js';
import { callAll } from './callback.js';
import { History } from './history.js';
import { BufferPool } from '../kernels/buffer-pool.js';
import { Tensor, toTensor, type TensorLike } from '../tensor/tensor.js';
import { FeatureSource, TargetSource, identityIndex, sliceRows } from './data-source.js';
import { evaluateSourcesAsync } from './evaluate.js';
import { Xoshiro128, deriveSeed, shuffleInPlace } from '../random/xoshiro.js';
import { randomSeed } from '../random/random-seed.js';
import { positionGenerator } from '../random/positions.js';
import { checkNumber } from '../validate.js';
import { TrainingError, invalid } from '../errors.js';
import { applyAugmentations, type Augmentation } from '../parts/augmentation.js';
import { checkImageShape } from '../augment/image.js';
import type { BatchAugmenter } from './engine.js';
import { inputGradient } from './input-gradient.js';
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import { checkFiniteData, firstNonFiniteWeight } from './finite.js';
import { trainStepFor } from './consistency-step.js';
import { MetricSet, taskOf } from './metric-set.js';
import { floats } from './evaluate.js';
import { checkDeviceParts } from './device-parts.js';
import { DeviceScores, type ReadBatch } from './device-scores.js';
import { downloadState } from './device-sync.js';

export interface FitOptions {
  /** Samples per step; default 32. */
  batchSize?: number;
  /** The epoch training ends at (exclusive, counted from 0, as Keras); default 1. */
  epochs?: number;
  /**
   * The epoch to start at (Keras' `initial_epoch`); default 0. Shuffles, noise draws and noise
   * schedules continue from there exactly as in an uninterrupted run of the same seed, so a
   * model whose weights and optimizer state were restored after epoch k - 1 resumes with
   * `initialEpoch: k`.
   */
  initialEpoch?: number;
  /** `[x, y]` evaluated after every epoch without noise (Tensors, or arrays through `Sequential.fit`). */
  validationData?: [TensorLike, TensorLike];
  /** Fraction of the data, taken from its end before shuffling, held out for validation. */
  validationSplit?: number;
  /** Batch size of the validation pass; default the larger of `batchSize` and 256 (same result, fewer steps). */
  validationBatchSize?: number;
  /** Reshuffle the training data every epoch; default true. */
  shuffle?: boolean;
  /**
   * Seeds the initial weights (if the model has not been initialised yet), every shuffle and
   * every noise draw: the same seed gives the same history. Default: a fresh random seed,
   * recorded in `history.params.seed`.
   */
  seed?: number;
  /** Hooks called during training. */
  callbacks?: Callback[];
  /**
   * Data-level noise applied to every training batch after it is gathered and before the
   * forward pass, in order (mixup, cutout, randomAffine, elastic, disturbLabel; see augment/).
   */
  augment?: Augmentation[];
  /** `[height, width]` of image inputs, for image augmentations that were not given a shape. */
  imageShape?: [number, number];
  /**
   * Called with a one-line warning when training goes wrong without stopping, e.g. a loss that
   * exploded (over {@link EXPLODED} times the first step's); default `console.warn`.
   */
  warn?: (message: string) => void;
}

/**
 * On a backend whose buffers live on a device, how many batches' losses are read back at once:
 * the read is awaited a group later, so the device does not wait for the host, and `onBatchEnd`
 * reaches callbacks up to two groups late (in order, always before the epoch's end).
 */
export const DEVICE_READ_EVERY = 32;

/** How many times the first step's loss an epoch's loss must exceed to be reported as exploded. */
export const EXPLODED = 100;

/** Trains `model` on `x`, `y`; see {@link FitOptions}. */
const FIT_OPTIONS = ['batchSize', 'epochs', 'initialEpoch', 'validationData', 'validationSplit', 'validationBatchSize', 'shuffle', 'seed', 'callbacks', 'augment', 'imageShape', 'warn'];

export async function fit(model: Trainable, x: Tensor, y: Tensor, options: FitOptions = {}): Promise<History> {
  for (const key of Object.keys(options)) {
    if (!FIT_OPTIONS.includes(key)) throw invalid('fit', 'each option', `one of ${FIT_OPTIONS.join(', ')} (progress is a callback: progbarLogger)`, key);
  }
  const compiled = model.compiled();
  const engine = model.engine();
  const batchSize = checkNumber('fit', 'batchSize', options.batchSize ?? 32, { min: 1, integer: true });
  const epochs = checkNumber('fit', 'epochs', options.epochs ?? 1, { min: 1, integer: true });
  const seed = checkNumber('fit', 'seed', options.seed ?? randomSeed(), { min: 0, integer: true });
  const initialEpoch = checkNumber('fit', 'initialEpoch', options.initialEpoch ?? 0, { min: 0, max: epochs - 1, integer: true });
  if (!(x instanceof Tensor) || !(y instanceof Tensor)) throw invalid('fit', 'x and y', 'Tensors (see tensor())', typeof x);

  // eslint-disable-next-line no-console
  const warn = options.warn ?? ((m: string) => console.warn(m));
  if (typeof warn !== 'function') throw invalid('fit', 'warn', 'a function (message) => void', warn);
  const given = options.validationData;
  let validation: [Tensor, Tensor] | undefined = given && [toTensor(given[0], 'fit validation x'), toTensor(given[1], 'fit validation y')];
  checkFiniteData('fit x', x);
  if (!compiled.loss.sparse) checkFiniteData('fit y', y);
  if (validation) {
    checkFiniteData('fit validation x', validation[0]);
    if (!compiled.loss.sparse) checkFiniteData('fit validation y', validation[1]);
  }
  if (options.validationSplit !== undefined) {
    const split = checkNumber('fit', 'validationSplit', options.validationSplit, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
    const cut = x.count - Math.floor(x.count * split);
    validation = [sliceRows(x, cut, x.count), sliceRows(y, cut, y.count)];
    x = sliceRows(x, 0, cut);
    y = sliceRows(y, 0, cut);
  }
  const inputSize = model.layers[0]!.outputSize;
  const inputShape = model.layers[0]!.outputShape;
  const xs = new FeatureSource(x, inputShape, 'x');
  const ys = new TargetSource(y, xs.count, engine.outputs, compiled.loss.sparse, 'y');
  if (xs.count === 0) throw invalid('fit', 'x', 'at least one sample', 0);
  const val = validation && {
    x: new FeatureSource(validation[0], inputShape, 'validation x'),
    y: new TargetSource(validation[1], validation[0].count, engine.outputs, compiled.loss.sparse, 'validation y'),
  };
  const metrics = MetricSet.of(compiled, engine.outputs);
  const valMetrics = MetricSet.of(compiled, engine.outputs);
  if (!compiled.loss.sparse) {
    // Targets a binary loss cannot take, or on which a metric is undefined, are refused before any step.
    const sets: [Tensor, string][] = [[y, 'fit y'], ...(validation ? [[validation[1], 'fit validation y'] as [Tensor, string]] : [])];
    for (const [t, where] of sets) {
      const values = floats(t);
      compiled.loss.checkTargets?.(values, engine.outputs, where);
      metrics.checkTargets(engine.backend, values, t.count, engine.outputs, where);
    }
  }
  const valBatch = options.validationBatchSize ?? Math.max(batchSize, 256);
  const augmentations = options.augment ?? [];
  if (!Array.isArray(augmentations) || !augmentations.every((a) => typeof a?.apply === 'function')) throw invalid('fit', 'augment', 'a list of augmentations (e.g. [mixup({ alpha: 0.2 })])', typeof augmentations);
  checkDeviceParts(model, { where: 'fit', compiled: true, augmentations });
  const imageShape = options.imageShape ? checkImageShape('fit', options.imageShape) : imageShapeOf(inputShape, x.shape.slice(1));
  for (const a of augmentations) a.setup({ sampleSize: inputSize, outputs: engine.outputs, imageShape, task: taskOf(compiled.loss, engine.outputs) });

  model.ensureWeights(seed);
  model.layers.forEach((layer, i) => layer.seedRandom(deriveSeed(seed, `layer:${i}`)));
  augmentations.forEach((a, i) => a.seedRandom(deriveSeed(seed, `augment:${i}`)));
  compiled.optimizer.seedRandom(deriveSeed(seed, 'optimizer'));
  const shuffleSeed = deriveSeed(seed, 'shuffle');
  const shuffler = new Xoshiro128(shuffleSeed);
  const index = identityIndex(xs.count);
  const steps = Math.ceil(xs.count / batchSize);
  const history = new History();
  const callbacks: Callback[] = [history, ...(options.callbacks ?? [])];
  const params: FitParams = { epochs, initialEpoch, steps, samples: xs.count, batchSize, seed, validation: Boolean(val) };
  for (const cb of callbacks) {
    cb.setModel?.(model);
    cb.setParams?.(params);
    cb.setCallbacks?.(callbacks);
  }
  const perBatch = callbacks.some((cb) => cb.onBatchBegin || cb.onBatchEnd);
  // One context for every step (layers and augmentations read it; only step and epoch change).
  const augmentBuffers = new BufferPool(() => engine.backend);
  const ctx = { training: true, step: 0, epoch: 0, totalSteps: steps * epochs, totalEpochs: epochs, backend: engine.backend, sampleSize: inputSize, outputs: engine.outputs, buffer: (k: string, n: number) => augmentBuffers.get(k, n),
    inputGradient: (input: FloatArray, targets: BatchTargets, count: number, grad: FloatArray, correct?: Uint8Array) => void inputGradient(engine, input, targets, count, grad, correct) };
  const augment: BatchAugmenter | undefined = augmentations.length ? (input, targets, count) => applyAugmentations(augmentations, input, targets, count, ctx) : undefined;
  const trainStep = trainStepFor(engine, augmentations, ctx);
  const weights = model.layers.flatMap((l) => l.params());
  let firstLoss: number | undefined;
  let warned = false;
  model.stopTraining = false;
  let lastYield = performance.now();

  await callAll(callbacks, 'onTrainBegin', {});
  // A restoring callback (backupAndRestore) may move the start to where a previous run stopped.
  let start = initialEpoch;
  for (const cb of callbacks) {
    const point = await cb.resume?.();
    if (!point) continue;
    start = point.epoch;
    if (point.complete) model.stopTraining = true;
  }
  let step = start * steps;
  // On a device backend the loss and correct count of each step are queued there and read back
  // a group of batches at a time; onBatchEnd comes for each batch, in order, once it is read.
  const device = engine.backend.device;
  let lossSum = 0;
  let seen = 0;
  let epoch = start;
  /** Adds a step's loss to the epoch's, refusing a non-finite loss (the metrics counted its predictions). */
  const account = (loss: number, count: number, b: number): void => {
    if (!Number.isFinite(loss)) {
      throw new TrainingError(`loss became ${loss} at epoch ${epoch + 1}, step ${b + 1}: lower the learning rate or the noise, or check the data for NaN`);
    }
    firstLoss ??= loss / count;
    lossSum += loss;
    seen += count;
  };
  const scores = device ? new DeviceScores(device) : null;
  /** Accounts for batches read back from the device, each followed by its onBatchEnd. */
  const settle = async (read: readonly ReadBatch[]): Promise<void> => {
    for (const r of read) {
      account(r.loss, r.count, r.batch);
      metrics.addCorrect(r.correct, r.count);
      if (perBatch) await callAll(callbacks, 'onBatchEnd', r.batch, { loss: lossSum / seen, ...metrics.results() });
    }
  };
  try {
    for (; epoch < epochs && !model.stopTraining; epoch++) {
      await callAll(callbacks, 'onEpochBegin', epoch, {});
      if (options.shuffle ?? true) {
        // Each epoch's order depends on (seed, epoch) alone, so a resumed run shuffles as an uninterrupted one.
        for (let i = 0; i < index.length; i++) index[i] = i;
        positionGenerator(shuffler, shuffleSeed, epoch);
        shuffleInPlace(index, shuffler);
      }
      lossSum = 0;
      seen = 0;
      metrics.reset();
      for (let b = 0; b < steps; b++) {
        const start = b * batchSize;
        const count = Math.min(batchSize, xs.count - start);
        if (perBatch) await callAll(callbacks, 'onBatchBegin', b, { batch: b, size: count });
        ctx.step = step;
        ctx.epoch = epoch;
        let r;
        engine.metrics = metrics;
        try {
          r = trainStep(xs, ys, index, start, count, ctx, compiled.optimizer, augment);
        } finally {
          engine.metrics = null;
        }
        step++;
        if (scores) {
          scores.push(count, b);
          if (scores.queued >= DEVICE_READ_EVERY) await settle(await scores.startRead());
        } else {
          account(r.loss, count, b);
          if (perBatch) await callAll(callbacks, 'onBatchEnd', b, { loss: lossSum / seen, ...metrics.results() });
        }
        if (performance.now() - lastYield > 100) {
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
          lastYield = performance.now();
        }
      }
      if (scores) {
        // The epoch's last values, then the weights and optimizer state its end reads (checks, callbacks, checkpoints).
        await settle(await scores.readAll());
        await downloadState(model);
      }
      // A non-finite weight makes the next step's loss non-finite; after an epoch's last step, check the weights themselves.
      const broken = firstNonFiniteWeight(weights);
      if (broken) {
        throw new TrainingError(`weights became non-finite in epoch ${epoch + 1} (${broken.name} holds ${broken.value} at index ${broken.index}) while the loss stayed finite: lower the learning rate (${formatRate(compiled.optimizer.learningRate)}) or the noise`);
      }
      const logs: Logs = { loss: lossSum / seen, ...metrics.results() };
      if (!warned && firstLoss !== undefined && firstLoss > 0 && logs.loss! > EXPLODED * firstLoss) {
        warned = true;
        warn(`fit: the loss exploded from ${firstLoss.toFixed(4)} at the first step to ${formatLoss(logs.loss!)} in epoch ${epoch + 1} (over ${EXPLODED} times larger): lower the learning rate (${formatRate(compiled.optimizer.learningRate)}) or the noise`);
      }
      if (val) {
        const v = await evaluateSourcesAsync(model, val.x, val.y, valBatch, valMetrics);
        logs.val_loss = v.loss;
        Object.assign(logs, valMetrics.results('val_'));
      }
      await callAll(callbacks, 'onEpochEnd', epoch, logs);
    }
  } catch (e) {
    // Host copies as current as the device allows, for whoever reads the model after the error.
    if (device) await Promise.allSettled([scores!.readAll(), downloadState(model)]);
    throw e;
  }
  await callAll(callbacks, 'onTrainEnd', {});
  // The augmentations' batch buffers belong to this call (after an error, the model's dispose() frees them).
  augmentBuffers.release();
  // One turn of the event loop before returning: buffers of models the caller dropped
  // before this call can then be found unreachable when the next model needs memory.
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  return history;
}

/** A learning rate as people write it: `0.001`, `1e+6`. */
function formatRate(lr: number): string {
  return lr >= 1e4 || lr < 1e-4 ? lr.toExponential() : String(lr);
}

function formatLoss(loss: number): string {
  return loss >= 1e4 ? loss.toExponential(2) : loss.toFixed(4);
}

/** `[height, width]` of image samples when the model's input or the data says it: a rank-3 input `[h, w, c]`, or data of `[h, w]` or `[h, w, c]`. */
function imageShapeOf(inputShape: readonly number[], sampleShape: readonly number[]): [number, number] | undefined {
  const shape = inputShape.length === 3 ? inputShape : sampleShape.length === 2 || sampleShape.length === 3 ? sampleShape : null;
  return shape ? [shape[0]!, shape[1]!] : undefined;
}
