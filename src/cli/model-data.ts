/** A saved model and the test split it is measured on, for `evaluate`, `robustness` and `certify`: by default the data it was trained on. */
import type { Sequential } from '../models/sequential.js';
import type { DatasetRecord } from '../data/dataset-record.js';
import { isDatasetName } from '../data/dataset-names.js';
import { readModelDataset } from '../io/node/model-dataset.js';
import { loadModel } from '../io/node/load-model.js';
import { ModelFileError } from '../errors.js';
import type { CliContext } from './context.js';
import { DATASET_NAMES, describeDataset, loadCliDataset, type CliDataset, type DatasetName } from './load-data.js';
import { parseRunFlag } from './run-flags.js';
import { UsageError } from './usage-error.js';
import type { Tensor } from '../tensor/tensor.js';
import { imagesOf, labelsOf, splitTensors } from '../data/split-tensors.js';
import { sampleSize } from '../data/loaded-data.js';
import { OWN_DATA_OPTIONS, type OwnDataFlags } from './own-data.js';
import { describeOwnData, ownDataForModel } from './model-own-data.js';

/** The data flags of `noisenet evaluate`, shared by the commands that measure a saved model. */
export const MODEL_DATA_OPTIONS = {
  model: { type: 'string', arg: 'DIR', help: 'the model folder (model.json + weights.bin), e.g. written by train --out; required' },
  dataset: { type: 'string', arg: 'NAME', help: `${DATASET_NAMES.join(', ')} (default: the dataset the model was trained on, else mnist)` },
  'data-dir': { type: 'string', arg: 'DIR', help: 'read the four MNIST/Fashion-MNIST IDX files from DIR (no download)' },
  ...OWN_DATA_OPTIONS,
} as const;

/** The test split a saved model is measured on: its tensors, and how to name it. */
export interface ModelTestSet {
  /** The dataset's name (`mnist`), or the own data's source (`table /data/wine.csv`). */
  readonly name: string;
  readonly source: string;
  readonly count: number;
  /** What the split is: the data's own test split, or the validation split held out of its training samples (`--val-split`). */
  readonly split: 'test' | 'validation';
  readonly x: Tensor;
  readonly y: Tensor;
  /** The `Dataset: ...` or `Data: ...` line. */
  readonly describe: string;
}

/**
 * Loads `--model DIR` (before any download, so a bad folder fails first) and its test split:
 * `--data PATH` or the own data the model records, else the named dataset; checks that the
 * model takes the samples.
 * @throws UsageError without --model; ModelFileError for an unreadable model or a model whose input does not fit.
 */
export async function loadModelAndData(
  where: string,
  v: { model?: string | undefined; dataset?: string | undefined; 'data-dir'?: string | undefined } & OwnDataFlags,
  ctx: CliContext,
): Promise<{ model: Sequential; test: ModelTestSet }> {
  if (v.model === undefined) throw new UsageError(`${where}: --model DIR is required; see ${where} --help`);
  const dataset = v.dataset === undefined ? undefined : (parseRunFlag(where, 'dataset', v.dataset) as DatasetName);
  const model = await loadModel(v.model);
  const inputs = model.inputShape.reduce((a, b) => a * b, 1);
  const own = await ownDataForModel(where, v.model, v, ctx);
  if (own) {
    const { data } = own;
    const size = sampleSize(data);
    if (inputs !== size) throw new ModelFileError(`${v.model}: the model takes ${inputs} values per sample, the samples of ${data.source} have ${size}`);
    const { x, y } = splitTensors(data, data.test!);
    return { model, test: { name: data.source, source: data.source, count: data.test!.count, split: data.validationSplit ? 'validation' : 'test', x, y, describe: describeOwnData(data) } };
  }
  const data = await loadDataForModel(where, v.model, { dataset, dataDir: v['data-dir'] }, ctx);
  const size = data.test.height * data.test.width;
  if (inputs !== size) throw new ModelFileError(`${v.model}: the model takes ${inputs} values per sample, the samples of ${data.name} have ${size}`);
  return { model, test: { name: data.name, source: data.source, count: data.test.count, split: 'test', x: imagesOf(data.test), y: labelsOf(data.test), describe: describeDataset(data) } };
}

/**
 * The data to measure the saved model in `modelDir` on: the `--dataset`/`--data-dir` given,
 * else the dataset the model records it was trained on (else the default). When the model
 * records its data and this data differs (another content digest), one line on stderr says so.
 */
export async function loadDataForModel(where: string, modelDir: string, given: { dataset: DatasetName | undefined; dataDir: string | undefined }, ctx: CliContext): Promise<CliDataset> {
  const record = await readModelDataset(modelDir);
  const chosen = given.dataset !== undefined || given.dataDir !== undefined || !record ? given : recorded(record);
  const data = await loadCliDataset(where, chosen, ctx);
  if (record && data.record.sha256 !== record.sha256) {
    const short = (sha: string): string => `${sha.slice(0, 12)}…`;
    ctx.stderr.write(`${where}: the model was trained on ${record.name} (sha256 ${short(record.sha256)}, ${record.source}); this is ${data.name} (sha256 ${short(data.record.sha256)}): its scores here do not measure it on its own data\n`);
  }
  return data;
}

/** Where to load a recorded dataset from: its name (when the CLI knows it) and its folder. */
function recorded(record: DatasetRecord): { dataset: DatasetName | undefined; dataDir: string | undefined } {
  return { dataset: isDatasetName(record.name) ? record.name : undefined, dataDir: record.dataDir };
}
