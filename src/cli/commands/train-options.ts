/** The flags of `noisenet train`, their help, and their validation into {@link TrainSettings}. */
import { ACTIVATIONS, type Activation } from '../../kernels/backend.js';
import { DEFAULT_NOISE_STDDEV, noiseSpecsFromFlags, readModelFlag } from '../build-model.js';
import { MODEL_PRESETS } from '../../models/presets.js';
import type { RunSettings } from '../../run/run-settings.js';
import { DATASET_NAMES, type DatasetName } from '../load-data.js';
import type { Values } from '../options.js';
import { parseChoice, parseInteger, parseNumber, parseUnits } from '../values.js';
import { UsageError } from '../usage-error.js';

/** `noisenet train`, the prefix of its messages. */
export const WHERE = 'noisenet train';

/** The option table of `noisenet train`. */
export const TRAIN_OPTIONS = {
  dataset: { type: 'string', arg: 'NAME', help: `${DATASET_NAMES.join(', ')} (default mnist, or mnist-mini when MNIST is offline)` },
  'data-dir': { type: 'string', arg: 'DIR', help: 'read the four MNIST/Fashion-MNIST IDX files from DIR (no download)' },
  epochs: { type: 'string', arg: 'N', help: 'passes over the training data (default 10)' },
  'batch-size': { type: 'string', arg: 'N', help: 'samples per step (default 32)' },
  optimizer: { type: 'string', arg: 'NAME', help: 'adam, sgd, rmsprop or adamw, with Keras defaults (default adam)' },
  lr: { type: 'string', arg: 'X', help: 'learning rate (default 0.001 for adam, 0.01 for sgd)' },
  momentum: { type: 'string', arg: 'X', help: 'sgd or rmsprop momentum in [0, 1) (default 0)' },
  model: { type: 'string', arg: 'NAME|FILE', help: `a preset (${Object.keys(MODEL_PRESETS).join(', ')}; default mlp) or a JSON model spec file or saved model` },
  hidden: { type: 'string', arg: 'LIST', help: 'hidden layer widths of the mlp preset, e.g. 128,64 (default); "none" for no hidden layer' },
  activation: { type: 'string', arg: 'NAME', help: `hidden activation: ${ACTIVATIONS.join(', ')} (default relu)` },
  noise: { type: 'string', multiple: true, arg: 'SPEC', help: "a noise technique, technique[:key=value,...][@where]; see 'noisenet techniques'" },
  'noise-stddev': { type: 'string', arg: 'X', help: `short for --noise gaussian:stddev=X (default ${DEFAULT_NOISE_STDDEV} on the mlp unless --noise is given; 0 = none)` },
  'train-size': { type: 'string', arg: 'N', help: 'train on a seeded random subset of N samples (default all)' },
  seed: { type: 'string', arg: 'N', help: 'seed of the weights, shuffles, noise and subset (default 42)' },
  out: { type: 'string', arg: 'DIR', help: 'write DIR/history.json, DIR/history.csv and DIR/model/, and a checkpoint in DIR/checkpoint/ after every epoch' },
  force: { type: 'boolean', help: 'overwrite a run already saved in the --out folder' },
  resume: { type: 'string', arg: 'DIR', help: 'continue the interrupted run of --out DIR from its last checkpoint, with its settings' },
  patience: { type: 'string', arg: 'N', help: 'early stopping: stop after N epochs without a lower val_loss (default: no early stopping)' },
  quiet: { type: 'boolean', short: 'q', help: 'print only the final metrics' },
  verbose: { type: 'boolean', help: 'also print the backend: its threads and which arithmetic runs (relaxed SIMD or SIMD)' },
} as const;

/** The help paragraph of `noisenet train`. */
export const TRAIN_DESCRIPTION = `Trains a model (the article's MLP, Keras' simple convnet or a spec file) with noise on an image
dataset and validates on its test split after every epoch. With no flags, the article's run:
MNIST, Gaussian input noise 0.1, 128,64 relu, Adam 0.001, batch 32, 10 epochs, seed 42.

Noise: each --noise SPEC adds one technique; repeat it to combine techniques. --noise-stddev X is
short for --noise gaussian:stddev=X. With neither flag the mlp gets gaussian:stddev=${DEFAULT_NOISE_STDDEV}, and
any other model only the noise it declares (the convnet its Dropout 0.5, as in Keras); with
--noise alone there is no Gaussian input noise unless a spec asks for it (add --noise-stddev X to
keep it); --noise-stddev 0 without --noise trains the baseline without noise. A value a->b anneals
from a to b (quote the spec: the shell reads '>'). Saved models keep their noise layers and
settings; data-level noise (mixup, cutout, ...) applies to training only and is not saved.
'noisenet techniques' lists every technique, its parameters and an example.`;

/** Examples shown after the options of `noisenet train --help`. */
export const TRAIN_EXAMPLES = `Examples:
  noisenet train --noise dropout:rate=0.5@hidden --noise weight:stddev=0.01
  noisenet train --noise-stddev 0.1 --noise mixup:alpha=0.2 --noise label-smoothing:epsilon=0.1
  noisenet train --noise 'gaussian:stddev=0.3->0,schedule=cosine,per=epoch'
  noisenet train --noise-stddev 0 --out runs/baseline
  noisenet train --resume runs/baseline       # after a Ctrl-C, a kill or a power loss`;

/** The validated settings of a run: the shared run settings plus the data and output of `noisenet train`. */
export interface TrainSettings extends RunSettings {
  dataset: DatasetName | undefined;
  dataDir: string | undefined;
  activation: Activation;
  trainSize: number | undefined;
  seed: number;
  out: string | undefined;
  force: boolean;
  /** Early stopping on val_loss after this many epochs without improvement; undefined for none. */
  patience: number | undefined;
  quiet: boolean;
  verbose: boolean;
}

/** Every flag checked and defaulted. @throws UsageError naming the flag, the rule and the value. */
export function trainSettings(v: Values<typeof TRAIN_OPTIONS>): TrainSettings {
  const optimizer = parseChoice(WHERE, '--optimizer', v.optimizer ?? 'adam', ['adam', 'sgd', 'rmsprop', 'adamw'] as const);
  if (v.momentum !== undefined && optimizer !== 'sgd' && optimizer !== 'rmsprop') throw new UsageError(`${WHERE}: --momentum applies only to --optimizer sgd or rmsprop`);
  const stddev = v['noise-stddev'] === undefined ? undefined : parseNumber(WHERE, '--noise-stddev', v['noise-stddev'], { min: 0 });
  if (v.force && v.out === undefined) throw new UsageError(`${WHERE}: --force applies only with --out DIR (it allows overwriting a saved run)`);
  if (v.model !== undefined && v.model !== 'mlp' && (v.hidden !== undefined || v.activation !== undefined)) {
    throw new UsageError(`${WHERE}: --hidden and --activation shape the mlp preset; they do not apply to --model ${v.model}`);
  }
  const model = v.model === undefined ? 'mlp' : readModelFlag(WHERE, v.model);
  return {
    model,
    dataset: v.dataset === undefined ? undefined : parseChoice(WHERE, '--dataset', v.dataset, DATASET_NAMES),
    dataDir: v['data-dir'],
    epochs: parseInteger(WHERE, '--epochs', v.epochs ?? '10', { min: 1 }),
    batchSize: parseInteger(WHERE, '--batch-size', v['batch-size'] ?? '32', { min: 1 }),
    optimizer,
    lr: parseNumber(WHERE, '--lr', v.lr ?? (optimizer === 'sgd' ? '0.01' : '0.001'), { min: 0, above: true }),
    momentum: parseNumber(WHERE, '--momentum', v.momentum ?? '0', { min: 0, max: 1, below: true }),
    hidden: parseUnits(WHERE, '--hidden', v.hidden ?? '128,64'),
    activation: parseChoice(WHERE, '--activation', v.activation ?? 'relu', ACTIVATIONS),
    noise: noiseSpecsFromFlags(v.noise, stddev, model),
    trainSize: v['train-size'] === undefined ? undefined : parseInteger(WHERE, '--train-size', v['train-size'], { min: 1 }),
    seed: parseInteger(WHERE, '--seed', v.seed ?? '42', { min: 0, max: 0xffffffff }),
    out: v.out,
    force: v.force ?? false,
    patience: v.patience === undefined ? undefined : parseInteger(WHERE, '--patience', v.patience, { min: 0 }),
    quiet: v.quiet ?? false,
    verbose: v.verbose ?? false,
  };
}
