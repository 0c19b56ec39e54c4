/**
 * `noisenet train`: with no flags, the article's run (784 -> GaussianNoise 0.1 -> 128 relu ->
 * 64 relu -> 10 softmax, Adam 0.001, batch 32, 10 epochs, validated on the test split, seed 42).
 * `--noise SPEC` (repeatable) combines any techniques of src/techniques instead.
 */
import { join } from 'node:path';
import { backendNotice } from '../../kernels/registry.js';
import { describeBackend } from '../../kernels/describe-backend.js';
import { imagesOf, labelsOf } from '../../data/split-tensors.js';
import { subsetSplit } from '../../data/subset-split.js';
import { ProgbarLogger } from '../../callbacks/progbar-logger.js';
import { writeRunFolder } from '../../io/node/run-folder.js';
import { lockFolder } from '../../io/node/folder-lock.js';
import { checkpointFolder } from '../../callbacks/node/checkpoint-folder.js';
import { backupAndRestore } from '../../callbacks/node/index.js';
import { earlyStopping } from '../../callbacks/early-stopping.js';
import type { BuiltRun } from '../../run/build-run.js';
import { runTargets } from '../../experiments/train-one-run.js';
import type { Callback } from '../../train/callback.js';
import { DivergenceWatch } from '../../train/divergence.js';
import { checkDeviceParts } from '../../train/device-parts.js';
import { endTraining } from '../train-ending.js';
import { cliDataShape, dataShape, describeDataset, loadCliDataset, type DataShape } from '../load-data.js';
import { defineCommand } from '../options.js';
import { Interrupted, type CliContext } from '../context.js';
import { checkOutputDir } from '../output-path.js';
import { UsageError, badValue } from '../usage-error.js';
import { checkpointDir, resumeSettings } from './train-resume.js';
import { trainOwnData } from './train-own.js';
import { buildTrainRun, checkOutFolder } from './train-run.js';
import { TRAIN_DESCRIPTION, TRAIN_EXAMPLES, TRAIN_OPTIONS, WHERE, trainSettings, type TrainSettings } from './train-options.js';

export { trainSettings, type TrainSettings } from './train-options.js';
export { buildTrainRun } from './train-run.js';


export const train = defineCommand({
  name: 'train',
  summary: "train a model with noise injection (no flags: the article's MNIST run)",
  description: TRAIN_DESCRIPTION,
  epilog: TRAIN_EXAMPLES,
  computes: true,
  gpu: true,
  options: TRAIN_OPTIONS,
  async run(values, ctx) {
    if (values.resume !== undefined && values.out !== undefined) throw new UsageError(`${WHERE}: --resume DIR continues the run of --out DIR; give one of them`);
    const resuming = values.resume !== undefined;
    const s = resuming ? await resumeSettings(values.resume!, values) : trainSettings(values);
    if (s.own !== undefined) {
      // One writer per folder, for your own data as for the named datasets.
      const ownLock = s.out === undefined ? undefined : await lockFolder(s.out, 'noisenet train');
      try {
        return await trainOwnData(s, s.own, ctx, resuming);
      } finally {
        await ownLock?.release();
      }
    }
    const expected = cliDataShape();
    const run = buildTrainRun(s, expected); // bad specs fail here, before any download
    // On a device backend (--backend webgpu), a part that runs on the host is refused before any download too.
    checkDeviceParts(run.model, { where: 'fit', compiled: true, augmentations: run.fitOptions.augment ?? [] });
    if (s.out !== undefined && !resuming) checkOutputDir(WHERE, '--out', s.out);
    // One writer per folder: a second train --out DIR fails here, naming the first.
    const lock = s.out === undefined ? undefined : await lockFolder(s.out, 'noisenet train');
    try {
      if (s.out !== undefined && !resuming) await checkOutFolder(s.out, s.force);
      await trainAndSave(s, run, expected, ctx);
    } finally {
      await lock?.release();
    }
  },
});

/** Loads the data, trains `built` and, with `--out`, saves the run (the caller holds the folder's lock). */
async function trainAndSave(s: TrainSettings, built: BuiltRun, expected: DataShape, ctx: CliContext): Promise<void> {
  let run = built;
  const print = (line: string): void => ctx.stdout.write(`${line}\n`);
  const data = await loadCliDataset(WHERE, { dataset: s.dataset, dataDir: s.dataDir, progress: !s.quiet }, ctx);
  if (s.trainSize !== undefined && s.trainSize > data.train.count) {
    throw badValue(WHERE, '--train-size', `an integer from 1 to ${data.train.count} (the training samples of ${data.name})`, String(s.trainSize));
  }
  const shape = dataShape(data);
  if (JSON.stringify(shape) !== JSON.stringify(expected)) {
    run.model.dispose();
    run = buildTrainRun(s, shape);
  }
  for (const w of run.warnings) ctx.stderr.write(`${WHERE}: ${w}\n`);
  const trainSplit = s.trainSize === undefined ? data.train : subsetSplit(data.train, s.trainSize, s.seed);
  const { model, fitOptions } = run;
  const notice = backendNotice();
  if (notice !== null && !s.quiet) ctx.stderr.write(`${notice}\n`);
  if (!s.quiet) {
    print(describeDataset(data, trainSplit.count));
    print(`Noise: ${run.specs.length ? run.specs.map((x) => x.text).join(' ') : 'none'}`);
    print(model.summary());
  }
  if (s.verbose) print(`Backend: ${describeBackend(model.backend)}`);
  const divergence = new DivergenceWatch();
  const callbacks: Callback[] = s.quiet ? [divergence] : [divergence, new ProgbarLogger({ write: (t) => ctx.stdout.write(t), isTTY: ctx.stdout.isTTY })];
  if (s.patience !== undefined) callbacks.push(earlyStopping({ monitor: 'val_loss', patience: s.patience, warn: (m) => ctx.stderr.write(`${m}\n`) }));
  // With --out, the first Ctrl-C ends training after the current epoch and saves what finished.
  const interrupt = s.out === undefined ? undefined : ctx.catchInterrupt?.();
  // With --out, a checkpoint after every epoch: --resume continues from the last one exactly.
  if (s.out !== undefined) callbacks.push(backupAndRestore({ dir: checkpointDir(s.out), deleteCheckpoint: false, settings: { ...s, dataset: data.name }, ...(interrupt ? { signal: interrupt } : {}) }));
  interrupt?.addEventListener('abort', () => {
    model.stopTraining = true;
    ctx.stderr.write(`\n${WHERE}: interrupted; stopping after this epoch to save the finished ones (Ctrl-C again to quit now)\n`);
  });
  const classes = data.classes.length;
  const history = await model.fit(imagesOf(trainSplit), runTargets(model, labelsOf(trainSplit), classes), {
    epochs: s.epochs,
    batchSize: s.batchSize,
    seed: s.seed,
    validationData: [imagesOf(data.test), runTargets(model, labelsOf(data.test), classes)],
    callbacks,
    // A live progress bar on the terminal leaves its line open: the warning starts a new one.
    warn: (m) => ctx.stderr.write(`${ctx.stdout.isTTY && !s.quiet ? '\n' : ''}${WHERE}: ${m.replace(/^fit: /, '')}\n`),
    ...fitOptions,
  });
  endTraining(history, s.epochs, s.out, divergence, model.optimizer?.learningRate ?? 0, print);
  if (s.out !== undefined) {
    await writeRunFolder(s.out, { history: history.history, epoch: history.epoch, params: history.params, dataset: data.record }, model, { dataset: data.record });
    if (!interrupt?.aborted) await checkpointFolder(checkpointDir(s.out)).remove();
    if (!s.quiet) print(`Saved ${join(s.out, 'history.json')}, ${join(s.out, 'history.csv')} and ${join(s.out, 'model')}/`);
  }
  if (interrupt?.aborted) throw new Interrupted(`${WHERE}: interrupted after epoch ${history.epoch.length}/${s.epochs}; the finished epochs are saved in ${s.out}; continue with noisenet train --resume ${s.out}`);
}

