/** The flags of `noisenet train`, their help, and their validation into {@link TrainSettings}. */
import type { Activation } from '../../kernels/backend.js';
import { DEFAULT_NOISE_STDDEV, noiseSpecsFromFlags, readModelFlag } from '../build-model.js';
import type { RunSettings } from '../../run/run-settings.js';
import { defaultLearningRate } from '../../run/run-schema.js';
import type { OptimizerName } from '../../registry/catalogue.js';
import type { LossName } from '../../losses/index.js';
import type { DatasetName } from '../load-data.js';
import type { Values } from '../options.js';
import { parseInteger, parseNumber } from '../values.js';
import { UsageError } from '../usage-error.js';
import { OWN_DATA_OPTIONS, STANDARDIZE_OPTION, ownDataSettings, type OwnDataSettings } from '../own-data.js';
import { checkOptimizerFlags, flagOr, optimizerFlagValues, optimizerOptionFlags, parseRunFlag, runListOption, runOption } from '../run-flags.js';

/** `noisenet train`, the prefix of its messages. */
export const WHERE = 'noisenet train';

/** The option table of `noisenet train`: the run settings it takes (from the run schema), then its own flags. */
export const TRAIN_OPTIONS = {
  dataset: runOption('dataset'),
  'data-dir': runOption('dataDir'),
  ...OWN_DATA_OPTIONS,
  ...STANDARDIZE_OPTION,
  epochs: runOption('epochs'),
  'batch-size': runOption('batchSize'),
  optimizer: runOption('optimizer'),
  lr: runOption('lr'),
  ...optimizerOptionFlags(),
  model: runOption('model'),
  hidden: runOption('hidden'),
  activation: runOption('activation'),
  loss: runOption('loss'),
  metrics: runOption('metrics'),
  noise: runListOption('noise'),
  'noise-stddev': { type: 'string', arg: 'X', help: `short for --noise gaussian:stddev=X (default ${DEFAULT_NOISE_STDDEV} on the mlp unless --noise is given; 0 = none)` },
  'train-size': runOption('trainSize'),
  seed: runOption('seed'),
  out: runOption('out', { help: 'write DIR/history.json, DIR/history.csv and DIR/model/, and a checkpoint in DIR/checkpoint/ after every epoch' }),
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
  /** `--data PATH`: the user's own data, and how to read it. */
  own: OwnDataSettings | undefined;
  /** Standardise feature data with a normalization layer first (not with `--no-standardize`). */
  standardize: boolean;
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
  const optimizer = flagOr(WHERE, 'optimizer', v.optimizer) as OptimizerName;
  const optimizerFlags = optimizerFlagValues(WHERE, v);
  checkOptimizerFlags(WHERE, optimizer, optimizerFlags.given);
  const stddev = v['noise-stddev'] === undefined ? undefined : parseNumber(WHERE, '--noise-stddev', v['noise-stddev'], { min: 0 });
  if (v.force && v.out === undefined) throw new UsageError(`${WHERE}: --force applies only with --out DIR (it allows overwriting a saved run)`);
  if (v.model !== undefined && v.model !== 'mlp' && (v.hidden !== undefined || v.activation !== undefined)) {
    throw new UsageError(`${WHERE}: --hidden and --activation shape the mlp preset; they do not apply to --model ${v.model}`);
  }
  const model = v.model === undefined ? 'mlp' : readModelFlag(WHERE, v.model);
  const own = ownDataSettings(WHERE, v);
  if (v['no-standardize'] && own === undefined) throw new UsageError(`${WHERE}: --no-standardize applies only with --data PATH (your own data)`);
  const settings: TrainSettings = {
    model,
    dataset: v.dataset === undefined ? undefined : (parseRunFlag(WHERE, 'dataset', v.dataset) as DatasetName),
    dataDir: v['data-dir'],
    own,
    standardize: !(v['no-standardize'] ?? false),
    epochs: flagOr(WHERE, 'epochs', v.epochs) as number,
    batchSize: flagOr(WHERE, 'batchSize', v['batch-size']) as number,
    optimizer,
    lr: v.lr === undefined ? defaultLearningRate(optimizer) : (parseRunFlag(WHERE, 'lr', v.lr) as number),
    momentum: optimizerFlags.momentum ?? 0,
    hidden: flagOr(WHERE, 'hidden', v.hidden) as number[],
    activation: flagOr(WHERE, 'activation', v.activation) as Activation,
    noise: noiseSpecsFromFlags(v.noise, stddev, model),
    trainSize: v['train-size'] === undefined ? undefined : (parseRunFlag(WHERE, 'trainSize', v['train-size']) as number),
    seed: flagOr(WHERE, 'seed', v.seed) as number,
    out: v.out,
    force: v.force ?? false,
    patience: v.patience === undefined ? undefined : parseInteger(WHERE, '--patience', v.patience, { min: 0 }),
    quiet: v.quiet ?? false,
    verbose: v.verbose ?? false,
  };
  if (Object.keys(optimizerFlags.optimizerOptions).length > 0) settings.optimizerOptions = optimizerFlags.optimizerOptions;
  if (v.loss !== undefined) settings.loss = parseRunFlag(WHERE, 'loss', v.loss) as LossName;
  if (v.metrics !== undefined) settings.metrics = parseRunFlag(WHERE, 'metrics', v.metrics) as string[];
  return settings;
}
