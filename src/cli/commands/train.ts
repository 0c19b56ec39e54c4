/**
 * `noisenet train`: with no flags, the article's run (784 -> GaussianNoise 0.1 -> 128 relu ->
 * 64 relu -> 10 softmax, Adam 0.001, batch 32, 10 epochs, validated on the test split, seed 42).
 */
import { join } from 'node:path';
import { ACTIVATIONS, type Activation } from '../../kernels/backend.js';
import { backendNotice } from '../../kernels/registry.js';
import { adam } from '../../optimizers/adam.js';
import { sgd } from '../../optimizers/sgd.js';
import { imagesOf, labelsOf } from '../../tensor/tensor.js';
import { subsetSplit } from '../../data/subset-split.js';
import { ProgbarLogger, formatLogs } from '../../callbacks/progbar-logger.js';
import { saveModel } from '../../io/save-model.js';
import { writeHistory } from '../../io/history-files.js';
import type { Logs } from '../../callbacks/callback.js';
import { buildModel } from '../build-model.js';
import { DATASET_NAMES, describeDataset, loadCliDataset, type DatasetName } from '../load-data.js';
import { defineCommand, type Values } from '../options.js';
import { parseChoice, parseInteger, parseNumber, parseUnits } from '../values.js';
import { UsageError, badValue } from '../usage-error.js';

const WHERE = 'noisenet train';

const options = {
  dataset: { type: 'string', arg: 'NAME', help: `${DATASET_NAMES.join(', ')} (default mnist, or mnist-mini when MNIST is offline)` },
  'data-dir': { type: 'string', arg: 'DIR', help: 'read the four MNIST/Fashion-MNIST IDX files from DIR (no download)' },
  epochs: { type: 'string', arg: 'N', help: 'passes over the training data (default 10)' },
  'batch-size': { type: 'string', arg: 'N', help: 'samples per step (default 32)' },
  optimizer: { type: 'string', arg: 'NAME', help: 'adam or sgd (default adam)' },
  lr: { type: 'string', arg: 'X', help: 'learning rate (default 0.001 for adam, 0.01 for sgd)' },
  momentum: { type: 'string', arg: 'X', help: 'sgd momentum in [0, 1) (default 0)' },
  hidden: { type: 'string', arg: 'LIST', help: 'hidden layer widths, e.g. 128,64 (default); "none" for no hidden layer' },
  activation: { type: 'string', arg: 'NAME', help: `hidden activation: ${ACTIVATIONS.join(', ')} (default relu)` },
  'noise-stddev': { type: 'string', arg: 'X', help: 'Gaussian input noise stddev (default 0.1; 0 = no noise layer)' },
  'train-size': { type: 'string', arg: 'N', help: 'train on a seeded random subset of N samples (default all)' },
  seed: { type: 'string', arg: 'N', help: 'seed of the weights, shuffles, noise and subset (default 42)' },
  out: { type: 'string', arg: 'DIR', help: 'write DIR/history.json, DIR/history.csv and DIR/model/' },
  quiet: { type: 'boolean', short: 'q', help: 'print only the final metrics' },
} as const;

/** The validated settings of a run. */
export interface TrainSettings {
  dataset: DatasetName | undefined;
  dataDir: string | undefined;
  epochs: number;
  batchSize: number;
  optimizer: 'adam' | 'sgd';
  lr: number;
  momentum: number;
  hidden: number[];
  activation: Activation;
  noiseStddev: number;
  trainSize: number | undefined;
  seed: number;
  out: string | undefined;
  quiet: boolean;
}

/** Every flag checked and defaulted. @throws UsageError naming the flag, the rule and the value. */
export function trainSettings(v: Values<typeof options>): TrainSettings {
  const optimizer = parseChoice(WHERE, '--optimizer', v.optimizer ?? 'adam', ['adam', 'sgd'] as const);
  if (v.momentum !== undefined && optimizer !== 'sgd') throw new UsageError(`${WHERE}: --momentum applies only to --optimizer sgd`);
  return {
    dataset: v.dataset === undefined ? undefined : parseChoice(WHERE, '--dataset', v.dataset, DATASET_NAMES),
    dataDir: v['data-dir'],
    epochs: parseInteger(WHERE, '--epochs', v.epochs ?? '10', { min: 1 }),
    batchSize: parseInteger(WHERE, '--batch-size', v['batch-size'] ?? '32', { min: 1 }),
    optimizer,
    lr: parseNumber(WHERE, '--lr', v.lr ?? (optimizer === 'sgd' ? '0.01' : '0.001'), { min: 0, above: true }),
    momentum: parseNumber(WHERE, '--momentum', v.momentum ?? '0', { min: 0, max: 1, below: true }),
    hidden: parseUnits(WHERE, '--hidden', v.hidden ?? '128,64'),
    activation: parseChoice(WHERE, '--activation', v.activation ?? 'relu', ACTIVATIONS),
    noiseStddev: parseNumber(WHERE, '--noise-stddev', v['noise-stddev'] ?? '0.1', { min: 0 }),
    trainSize: v['train-size'] === undefined ? undefined : parseInteger(WHERE, '--train-size', v['train-size'], { min: 1 }),
    seed: parseInteger(WHERE, '--seed', v.seed ?? '42', { min: 0, max: 0xffffffff }),
    out: v.out,
    quiet: v.quiet ?? false,
  };
}

export const train = defineCommand({
  name: 'train',
  summary: "train an MLP with noise injection (no flags: the article's MNIST run)",
  description:
    "Trains input -> Gaussian noise -> hidden dense layers -> softmax on an image dataset and validates\non its test split after every epoch. With no flags: MNIST, noise 0.1, 128,64 relu, Adam 0.001,\nbatch 32, 10 epochs, seed 42.",
  options,
  async run(values, ctx) {
    const s = trainSettings(values);
    const print = (line: string): void => ctx.stdout.write(`${line}\n`);
    const data = await loadCliDataset(WHERE, { dataset: s.dataset, dataDir: s.dataDir, progress: !s.quiet }, ctx);
    if (s.trainSize !== undefined && s.trainSize > data.train.count) {
      throw badValue(WHERE, '--train-size', `an integer from 1 to ${data.train.count} (the training samples of ${data.name})`, String(s.trainSize));
    }
    const trainSplit = s.trainSize === undefined ? data.train : subsetSplit(data.train, s.trainSize, s.seed);
    const model = buildModel({
      inputSize: data.train.height * data.train.width,
      classes: data.classes.length,
      hidden: s.hidden,
      activation: s.activation,
      noiseStddev: s.noiseStddev,
    });
    const optimizer = s.optimizer === 'sgd' ? sgd({ learningRate: s.lr, momentum: s.momentum }) : adam({ learningRate: s.lr });
    model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const notice = backendNotice();
    if (notice !== null && !s.quiet) ctx.stderr.write(`${notice}\n`);
    if (!s.quiet) {
      print(describeDataset(data, trainSplit.count));
      print(model.summary());
    }
    const callbacks = s.quiet ? [] : [new ProgbarLogger({ write: (t) => ctx.stdout.write(t), isTTY: ctx.stdout.isTTY })];
    const history = await model.fit(imagesOf(trainSplit), labelsOf(trainSplit), {
      epochs: s.epochs,
      batchSize: s.batchSize,
      seed: s.seed,
      validationData: [imagesOf(data.test), labelsOf(data.test)],
      callbacks,
    });
    const last: Logs = Object.fromEntries(Object.entries(history.history).map(([k, v]) => [k, v[v.length - 1]!]));
    print(`Final (epoch ${history.epoch.length}/${s.epochs}):${formatLogs(last).slice(2)}`);
    if (s.out !== undefined) {
      await writeHistory(s.out, history);
      await saveModel(model, join(s.out, 'model'));
      if (!s.quiet) print(`Saved ${join(s.out, 'history.json')}, ${join(s.out, 'history.csv')} and ${join(s.out, 'model')}/`);
    }
  },
});
