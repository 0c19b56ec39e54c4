/** A saved model and the test split it is measured on, for `evaluate`-like commands (robustness, certify). */
import type { Sequential } from '../models/sequential.js';
import type { Dataset } from '../data/types.js';
import { loadModel } from '../io/node/load-model.js';
import { ModelFileError } from '../errors.js';
import type { CliContext } from './context.js';
import { DATASET_NAMES, loadCliDataset, type DatasetName } from './load-data.js';
import { parseChoice } from './values.js';
import { UsageError } from './usage-error.js';

/** The data flags of `noisenet evaluate`, shared by the commands that measure a saved model. */
export const MODEL_DATA_OPTIONS = {
  model: { type: 'string', arg: 'DIR', help: 'the model folder (model.json + weights.bin), e.g. written by train --out; required' },
  dataset: { type: 'string', arg: 'NAME', help: `${DATASET_NAMES.join(', ')} (default mnist, or mnist-mini when MNIST is offline)` },
  'data-dir': { type: 'string', arg: 'DIR', help: 'read the four MNIST/Fashion-MNIST IDX files from DIR (no download)' },
} as const;

/**
 * Loads `--model DIR` (before any download, so a bad folder fails first) and the dataset, and
 * checks that the model takes the dataset's samples.
 * @throws UsageError without --model; ModelFileError for an unreadable model or a model whose input does not fit.
 */
export async function loadModelAndData(
  where: string,
  v: { model?: string | undefined; dataset?: string | undefined; 'data-dir'?: string | undefined },
  ctx: CliContext,
): Promise<{ model: Sequential; data: Dataset }> {
  if (v.model === undefined) throw new UsageError(`${where}: --model DIR is required; see ${where} --help`);
  const dataset = v.dataset === undefined ? undefined : parseChoice(where, '--dataset', v.dataset, DATASET_NAMES as readonly DatasetName[]);
  const model = await loadModel(v.model);
  const data = await loadCliDataset(where, { dataset, dataDir: v['data-dir'] }, ctx);
  const inputs = model.inputShape.reduce((a, b) => a * b, 1);
  const size = data.test.height * data.test.width;
  if (inputs !== size) throw new ModelFileError(`${v.model}: the model takes ${inputs} values per sample, the samples of ${data.name} have ${size}`);
  return { model, data };
}
