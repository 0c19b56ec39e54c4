/**
 * Every factory and every function taking an options object refuses an option it does not
 * know, naming it and the known ones, as `fit` and the layers do: a misspelt option is never
 * silently ignored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from '../errors.js';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { adam } from '../optimizers/adam.js';
import { categoricalCrossentropy, getLoss, meanSquaredError, sparseCategoricalCrossentropy } from '../losses/index.js';
import { earlyStopping } from '../callbacks/early-stopping.js';
import { progbarLogger } from '../callbacks/progbar-logger.js';
import { configureBackend, createBackend, setBackend } from '../kernels/registry.js';
import { parseIdx, parseIdxAsync, encodeIdx } from '../data/idx.js';
import { loadDataset } from '../data/node/load-dataset.js';
import { loadModel } from '../io/node/load-model.js';
import { applyNoiseSpecs } from '../techniques/apply.js';
import { buildModel } from '../models/model-spec.js';
import { presetSpec } from '../models/presets.js';

/** Passes a misspelt key where an options object is expected (as JavaScript callers can). */
const typo = <T>(o: Record<string, unknown>): T => o as T;

function model(): ReturnType<typeof sequential> {
  const m = sequential([input({ shape: [2] }), dense({ units: 2, activation: 'softmax' })], { backend: createBackend('ref') });
  m.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

const cases: [string, () => unknown, RegExp][] = [
  ['sparseCategoricalCrossentropy', () => sparseCategoricalCrossentropy(typo({ labelSmothing: 0.1 })), /^sparseCategoricalCrossentropy: unknown option 'labelSmothing'; known: fromLogits, labelSmoothing$/],
  ['categoricalCrossentropy', () => categoricalCrossentropy(typo({ fromLogit: true })), /^categoricalCrossentropy: unknown option 'fromLogit'; known: fromLogits, labelSmoothing$/],
  ['meanSquaredError', () => (meanSquaredError as (o: unknown) => unknown)({ reduction: 'sum' }), /^meanSquaredError: unknown option 'reduction'; known: \(none\)$/],
  ['getLoss', () => getLoss('categoricalCrossentropy', { smoothing: 0.1 }), /unknown option 'smoothing'/],
  ['earlyStopping', () => earlyStopping(typo({ patiance: 3 })), /^earlyStopping: unknown option 'patiance'; known: monitor, minDelta, patience, mode, restoreBestWeights, warn$/],
  ['progbarLogger', () => progbarLogger(typo({ write: () => undefined, isTty: true })), /^progbarLogger: unknown option 'isTty'; known: write, isTTY, intervalMs, now$/],
  ['sequential', () => sequential([input({ shape: [2] })], typo({ nmae: 'x' })), /^sequential: unknown option 'nmae'; known: name, backend$/],
  ['compile', () => model().compile(typo({ optimizer: 'adam', loss: 'meanSquaredError', metric: ['accuracy'] })), /^compile: unknown option 'metric'; known: optimizer, loss, metrics$/],
  ['evaluate', () => model().evaluate([[1, 2]], [1], typo({ batch_size: 4 })), /^evaluate: unknown option 'batch_size'; known: batchSize$/],
  ['predict', () => model().predict([[1, 2]], typo({ batchsize: 4 })), /^predict: unknown option 'batchsize'; known: batchSize$/],
  ['createBackend', () => createBackend('ref', typo({ thread: 2 })), /^createBackend: unknown option 'thread'; known: threads$/],
  ['setBackend', () => setBackend('ref', typo({ thread: 2 })), /^setBackend: unknown option 'thread'; known: threads$/],
  ['configureBackend', () => configureBackend(typo({ thread: 2 })), /^configureBackend: unknown option 'thread'; known: threads$/],
  ['parseIdx', () => parseIdx(encodeIdx([1], new Uint8Array(1)), 'x.idx', typo({ maxbytes: 3 })), /^parseIdx: unknown option 'maxbytes'; known: maxBytes$/],
  ['applyNoiseSpecs', () => applyNoiseSpecs([], presetSpec('mlp', { inputShape: [4], classes: 2 }), typo({ imageshape: [2, 2] })), /^applyNoiseSpecs: unknown option 'imageshape'; known: imageShape$/],
  ['presetSpec', () => presetSpec('mlp', typo({ inputShape: [4], classes: 2, hiden: [3] })), /^presetSpec: unknown option 'hiden'; known: inputShape, classes, hidden, activation, ownNoise, output$/],
  ['buildModel', () => buildModel(presetSpec('mlp', { inputShape: [4], classes: 2 }), typo({ backnd: null })), /^buildModel: unknown option 'backnd'; known: name, backend$/],
];

for (const [name, call, message] of cases) {
  test(`${name} refuses an unknown option, naming the known ones`, () => {
    assert.throws(call, (e: unknown) => e instanceof InvalidArgumentError && message.test(e.message), name);
  });
}

test('async loaders refuse unknown options before any work', async () => {
  await assert.rejects(parseIdxAsync(encodeIdx([1], new Uint8Array(1)), 'x.idx', typo({ maxbytes: 3 })), (e: unknown) => e instanceof InvalidArgumentError && /^parseIdxAsync: unknown option 'maxbytes'/.test(e.message));
  await assert.rejects(loadDataset('mnist-mini', typo({ datadir: '/tmp' })), (e: unknown) => e instanceof InvalidArgumentError && /^loadDataset: unknown option 'datadir'; known: dataDir, cacheDir, seed, onProgress, mirrors, env$/.test(e.message));
  await assert.rejects(loadModel('/nonexistent', typo({ bakend: null })), (e: unknown) => e instanceof InvalidArgumentError && /^loadModel: unknown option 'bakend'; known: backend, maxBytes, warn$/.test(e.message));
});

/** The error is an InvalidArgumentError whose message matches. */
const refused = (message: RegExp) => (e: unknown): boolean => e instanceof InvalidArgumentError && message.test(e.message);

test('options that are not an object are refused with the known keys', () => {
  assert.throws(() => earlyStopping(typo(3 as unknown as Record<string, unknown>)), refused(/^earlyStopping: options must be an object \{ monitor, minDelta, patience, mode, restoreBestWeights, warn \}, received 3$/));
  assert.throws(() => model().evaluate([[1, 2]], [1], typo('fast' as unknown as Record<string, unknown>)), refused(/^evaluate: options must be an object \{ batchSize \}, received "fast"$/));
});

test('earlyStopping and progbarLogger check every option by its declared field', () => {
  assert.throws(() => earlyStopping({ patience: -1 }), refused(/^earlyStopping: patience must be an integer >= 0, received -1$/));
  assert.throws(() => earlyStopping(typo({ restoreBestWeights: 'yes' })), refused(/^earlyStopping: restoreBestWeights must be true or false, received "yes"$/));
  assert.throws(() => earlyStopping(typo({ monitor: 3 })), refused(/^earlyStopping: monitor must be a string, received 3$/));
  assert.throws(() => progbarLogger(typo({ write: 'stdout' })), refused(/^progbarLogger: write must be a function \(text\) => void, received "stdout"$/));
  assert.throws(() => progbarLogger({ write: () => undefined, intervalMs: -5 }), refused(/^progbarLogger: intervalMs must be a number >= 0, received -5$/));
  assert.throws(() => sparseCategoricalCrossentropy(typo({ fromLogits: 1 })), refused(/^sparseCategoricalCrossentropy: fromLogits must be true or false, received 1$/));
});
