/**
 * `noisenet train --data PATH`: a run on the user's own data (a table, an image folder, arrays,
 * IDX files). Feature data gets a normalization layer adapted on the training split first
 * (unless `--no-standardize`); images keep their per-pixel scale to [0, 1], and with
 * `--pixels standardize` get one too, per channel. The saved model
 * records the data (classes, shape, preprocessing, digest, and how to read it again).
 */
import { join } from 'node:path';
import { backendNotice } from '../../kernels/registry.js';
import { describeBackend } from '../../kernels/describe-backend.js';
import { splitTensors } from '../../data/split-tensors.js';
import { ProgbarLogger } from '../../callbacks/progbar-logger.js';
import { writeRunFolder } from '../../io/node/run-folder.js';
import { checkpointFolder } from '../../callbacks/node/checkpoint-folder.js';
import { backupAndRestore } from '../../callbacks/node/index.js';
import { earlyStopping } from '../../callbacks/early-stopping.js';
import { DivergenceWatch } from '../../train/divergence.js';
import { endTraining } from '../train-ending.js';
import { runTargets } from '../../experiments/train-one-run.js';
import type { Callback } from '../../train/callback.js';
import { Interrupted, type CliContext } from '../context.js';
import { badValue } from '../usage-error.js';
import { ownTrainingData } from '../../experiments/own-data.js';
import { describeOwnData, isFeatureData, loadOwnData, normalizationLayers, normalizationText, normalizes, ownDataShape, ownDataTask, savedDataRecord, type OwnDataSettings } from '../own-data.js';
import { checkpointDir } from './train-resume.js';
import { WHERE, type TrainSettings } from './train-options.js';
import { buildTrainRun, checkOutFolder } from './train-run.js';

/** Trains the run of `s` on the own data `own`, and saves it with `--out`. */
export async function trainOwnData(s: TrainSettings, own: OwnDataSettings, ctx: CliContext, resuming: boolean): Promise<void> {
  if (s.out !== undefined && !resuming) await checkOutFolder(s.out, s.force);
  const print = (line: string): void => ctx.stdout.write(`${line}\n`);
  const data = await loadOwnData(WHERE, own, s.seed);
  if (s.trainSize !== undefined && s.trainSize > data.train.count) throw badValue(WHERE, '--train-size', `an integer from 1 to ${data.train.count} (the training samples of ${data.source})`, String(s.trainSize));
  // A seeded subset of the training samples, each class keeping its share: the one compare --data --train-size N trains on.
  const trainData = ownTrainingData(data, s.trainSize, s.seed);
  const standardize = normalizes(data, { standardize: s.standardize, pixels: own.pixels });
  const task = ownDataTask(WHERE, data, own, s.loss);
  const run = buildTrainRun(s, ownDataShape(data, task), standardize ? normalizationLayers(trainData) : undefined);
  for (const w of [...data.warnings, ...run.warnings]) ctx.stderr.write(`${WHERE}: ${w}\n`);
  const { model, fitOptions } = run;
  const notice = backendNotice();
  if (notice !== null && !s.quiet) ctx.stderr.write(`${notice}\n`);
  if (!s.quiet) {
    print(describeOwnData(data, trainData === data ? undefined : `${trainData.train.count} used: --train-size`));
    if (trainData !== data) print(`Training on a seeded stratified subset of ${trainData.train.count} of the ${data.train.count} training samples (--train-size, seed ${s.seed})`);
    const layer = normalizationText(data, standardize, 'training split');
    const own = layer === undefined ? (data.preprocessing.length ? undefined : 'none') : isFeatureData(data) && standardize ? `${layer}; --no-standardize to keep them as they are` : layer;
    const pre = [...data.preprocessing, ...(own === undefined ? [] : [own])];
    print(`Preprocessing: ${pre.join('; ')}`);
    print(`Noise: ${run.specs.length ? run.specs.map((x) => x.text).join(' ') : 'none'}${standardize && run.specs.length ? ` (on the standardised ${isFeatureData(data) ? 'features' : 'pixels'})` : ''}`);
    print(model.summary());
  }
  if (s.verbose) print(`Backend: ${describeBackend(model.backend)}`);
  const divergence = new DivergenceWatch();
  const callbacks: Callback[] = s.quiet ? [divergence] : [divergence, new ProgbarLogger({ write: (t) => ctx.stdout.write(t), isTTY: ctx.stdout.isTTY })];
  if (s.patience !== undefined) callbacks.push(earlyStopping({ monitor: 'val_loss', patience: s.patience, warn: (m) => ctx.stderr.write(`${m}\n`) }));
  const interrupt = s.out === undefined ? undefined : ctx.catchInterrupt?.();
  if (s.out !== undefined) callbacks.push(backupAndRestore({ dir: checkpointDir(s.out), deleteCheckpoint: false, settings: s, ...(interrupt ? { signal: interrupt } : {}) }));
  interrupt?.addEventListener('abort', () => {
    model.stopTraining = true;
    ctx.stderr.write(`\n${WHERE}: interrupted; stopping after this epoch to save the finished ones (Ctrl-C again to quit now)\n`);
  });
  try {
    const classes = data.classes.length;
    const train = splitTensors(data, trainData.train);
    const validation = splitTensors(data, data.test!);
    const history = await model.fit(train.x, runTargets(model, train.y, classes), {
      epochs: s.epochs,
      batchSize: s.batchSize,
      seed: s.seed,
      validationData: [validation.x, runTargets(model, validation.y, classes)],
      callbacks,
      warn: (m) => ctx.stderr.write(`${ctx.stdout.isTTY && !s.quiet ? '\n' : ''}${WHERE}: ${m.replace(/^fit: /, '')}\n`),
      ...fitOptions,
    });
    endTraining(history, s.epochs, s.out, divergence, model.optimizer?.learningRate ?? 0, print);
    if (s.out !== undefined) {
      const record = await savedDataRecord(data, own, s.seed, standardize);
      await writeRunFolder(s.out, { history: history.history, epoch: history.epoch, params: history.params, dataset: record }, model, { data: record });
      if (!interrupt?.aborted) await checkpointFolder(checkpointDir(s.out)).remove();
      if (!s.quiet) print(`Saved ${join(s.out, 'history.json')}, ${join(s.out, 'history.csv')} and ${join(s.out, 'model')}/`);
    }
    if (interrupt?.aborted) throw new Interrupted(`${WHERE}: interrupted after epoch ${history.epoch.length}/${s.epochs}; the finished epochs are saved in ${s.out}; continue with noisenet train --resume ${s.out}`);
  } finally {
    model.dispose(); // its wasm memory goes back at once
  }
}
