import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRun } from '../../run/build-run.js';
import { clusters } from '../../testing/synthetic.js';
import { earlyStopping } from '../early-stopping.js';
import { loadModel } from '../../io/node/load-model.js';
import { backupAndRestore, modelCheckpoint } from './index.js';
import type { Callback } from '../../train/callback.js';

const NOISE = ['gaussian:stddev=0.4->0.05,schedule=cosine', 'dropout:rate=0.2@hidden', 'gradient:eta=0.001', 'mixup:alpha=0.2', 'dropconnect:rate=0.2'];
const build = () => buildRun({ model: 'mlp', hidden: [12], activation: 'relu', noise: [...NOISE], optimizer: 'adam', lr: 0.02, momentum: 0 }, { inputShape: [16], classes: 3 });
const data = clusters(96, 16, 3, 3);
const val = clusters(40, 16, 3, 4);
const options = { epochs: 14, batchSize: 16, seed: 21, validationData: [val.x, val.y] as [typeof val.x, typeof val.y] };
const stopper = () => earlyStopping({ monitor: 'val_loss', patience: 1, restoreBestWeights: true, warn: () => {} });

/** A crash at step `step` of epoch `epoch`: fit throws there, as if the process died. */
class Crash extends Error {}
const crashAt = (epoch: number, step: number): Callback => {
  let current = 0;
  return { onEpochBegin: (e) => void (current = e), onBatchBegin: (b) => { if (current === epoch && b === step) throw new Crash(`crash at epoch ${epoch} step ${step}`); } };
};

test('backupAndRestore: a run that crashed mid-epoch resumes to the history and weights of the uninterrupted run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-backup-'));
  try {
    const whole = build();
    const full = await whole.model.fit(data.x, data.y, { ...options, ...whole.fitOptions, callbacks: [stopper()] });
    for (const [epoch, step] of [[0, 3], [2, 0], [4, 5], [9, 2]] as const) {
      await rm(join(dir, 'ckpt'), { recursive: true, force: true });
      const first = build();
      await assert.rejects(first.model.fit(data.x, data.y, { ...options, ...first.fitOptions, callbacks: [stopper(), backupAndRestore({ dir: join(dir, 'ckpt') }), crashAt(epoch, step)] }), Crash);
      // A new process would build everything again: a fresh model, optimizer and callbacks.
      const second = build();
      const rest = await second.model.fit(data.x, data.y, { ...options, ...second.fitOptions, callbacks: [stopper(), backupAndRestore({ dir: join(dir, 'ckpt') })] });
      assert.deepEqual(rest.epoch, full.epoch, `crash at ${epoch}/${step}: epochs`);
      assert.deepEqual(rest.history, full.history, `crash at ${epoch}/${step}: history`);
      assert.deepEqual(rest.params, full.params);
      assert.deepEqual(second.model.getWeights().map((w) => Array.from(w.data)), whole.model.getWeights().map((w) => Array.from(w.data)), `crash at ${epoch}/${step}: weights`);
      assert.deepEqual(await readdir(dir), [], 'the checkpoint is removed once the run is done (deleteCheckpoint)');
    }
    assert.ok(full.epoch.length < options.epochs, `early stopping stopped the run (after ${full.epoch.length} epochs): its state was resumed too`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('backupAndRestore refuses a checkpoint of another run with a one-line error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-backup-other-'));
  try {
    const first = build();
    await assert.rejects(first.model.fit(data.x, data.y, { ...options, ...first.fitOptions, callbacks: [backupAndRestore({ dir }), crashAt(2, 0)] }), Crash);
    const second = build();
    await assert.rejects(second.model.fit(data.x, data.y, { ...options, seed: 22, ...second.fitOptions, callbacks: [backupAndRestore({ dir })] }), /^TrainingError: backupAndRestore: the checkpoint in .* is of another run \(seed 21 there, 22 now\); remove it to start over$/);
    // The checkpoint is a model folder: it loads, with the weights of the last finished epoch.
    assert.equal((await loadModel(dir)).optimizer?.className, 'GradientNoise');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('modelCheckpoint with saveBestOnly keeps the model of the best epoch', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-best-'));
  try {
    const run = build();
    let bestWeights: number[][] = [];
    let best = Infinity;
    const spy: Callback = { onEpochEnd: (_e, logs) => void (logs['val_loss']! < best && ((best = logs['val_loss']!), (bestWeights = run.model.getWeights().map((w) => Array.from(w.data))))) };
    const history = await run.model.fit(data.x, data.y, { ...options, ...run.fitOptions, callbacks: [spy, modelCheckpoint({ path: join(dir, 'best'), saveBestOnly: true })] });
    assert.equal(best, Math.min(...history.history['val_loss']!));
    const saved = await loadModel(join(dir, 'best'));
    assert.deepEqual(saved.getWeights().map((w) => Array.from(w.data)), bestWeights);
    await run.model.fit(data.x, data.y, { ...options, epochs: 2, ...run.fitOptions, callbacks: [modelCheckpoint({ path: join(dir, 'epoch-{epoch}') })] });
    assert.deepEqual((await readdir(dir)).sort(), ['best', 'epoch-1', 'epoch-2']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the checkpoint callbacks refuse unknown options, naming the known ones', () => {
  assert.throws(() => backupAndRestore({ dir: '/tmp/x', deleteCheckpoints: false } as never), /^InvalidArgumentError: backupAndRestore: unknown option 'deleteCheckpoints'; known: dir, storage, deleteCheckpoint, settings, signal$/);
  assert.throws(() => modelCheckpoint({ path: '/tmp/x', saveBest: true } as never), /^InvalidArgumentError: modelCheckpoint: unknown option 'saveBest'; known: path, monitor, saveBestOnly, mode, save, warn$/);
});
