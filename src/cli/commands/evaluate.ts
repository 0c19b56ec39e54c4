/** `noisenet evaluate --model DIR`: loss and accuracy of a saved model on a dataset's test split. */
import { imagesOf, labelsOf } from '../../data/split-tensors.js';
import { runTargets } from '../../experiments/train-one-run.js';
import { loadModel } from '../../io/node/load-model.js';
import { formatLogs } from '../../callbacks/progbar-logger.js';
import type { Logs } from '../../train/callback.js';
import { DATASET_NAMES, describeDataset, type DatasetName } from '../load-data.js';
import { loadDataForModel } from '../model-data.js';
import { defineCommand } from '../options.js';
import { parseInteger } from '../values.js';
import { UsageError } from '../usage-error.js';
import { parseRunFlag, runOption } from '../run-flags.js';
import { splitTensors } from '../../data/split-tensors.js';
import { OWN_DATA_OPTIONS } from '../own-data.js';
import { describeOwnData, ownDataForModel } from '../model-own-data.js';
import { CALIBRATION_BINS, evaluateCalibration, formatCalibration } from '../../experiments/calibration.js';
import type { Tensor } from '../../tensor/tensor.js';
import { writeFile } from 'node:fs/promises';
import { renderSvg } from '../../report/render.js';
import { reliabilitySpec } from '../../report/charts/reliability.js';
import { checkOutputFile } from '../output-path.js';

const WHERE = 'noisenet evaluate';

export const evaluate = defineCommand({
  name: 'evaluate',
  summary: "evaluate a saved model on a dataset's test split",
  description: 'Loads a model folder written by `noisenet train --out DIR` (DIR/model) or by TensorFlow.js and\nprints its loss and accuracy on the test split, without noise; with --calibration, also how well\nits probabilities are calibrated (Guo et al. 2017).',
  computes: true,
  gpu: true,
  options: {
    model: { type: 'string', arg: 'DIR', help: 'the model folder (model.json + weights.bin); required' },
    dataset: runOption('dataset', { help: `${DATASET_NAMES.join(', ')} (default: the dataset the model was trained on, else mnist)` }),
    'data-dir': runOption('dataDir'),
    ...OWN_DATA_OPTIONS,
    'batch-size': runOption('batchSize', { help: 'samples per forward pass (default 32; does not change the result)' }),
    calibration: { type: 'boolean', help: `also print its calibration: ECE over ${CALIBRATION_BINS} equal-width confidence bins, MCE, NLL, Brier score and the reliability diagram's bins` },
    chart: { type: 'string', arg: 'FILE', help: 'with --calibration: also write the reliability diagram as an SVG file (bars: accuracy per bin; diamonds: mean confidence; dashed: perfect calibration)' },
  },
  async run(v, ctx) {
    if (v.chart !== undefined && !v.calibration) throw new UsageError(`${WHERE}: --chart applies only with --calibration`);
    if (v.chart !== undefined) checkOutputFile(WHERE, '--chart', v.chart, true);
    if (v.model === undefined) throw new UsageError(`${WHERE}: --model DIR is required; see ${WHERE} --help`);
    const dataset = v.dataset === undefined ? undefined : parseRunFlag(WHERE, 'dataset', v.dataset) as DatasetName;
    const batchSize = parseInteger(WHERE, '--batch-size', v['batch-size'] ?? '32', { min: 1 });
    const model = await loadModel(v.model);
    if (!model.loss) model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const own = await ownDataForModel(WHERE, v.model, v, ctx);
    if (own) {
      const test = splitTensors(own.data, own.data.test!);
      const result = await model.evaluateAsync(test.x, runTargets(model, test.y, own.data.classes.length), { batchSize });
      ctx.stdout.write(`${describeOwnData(own.data)}\n${formatLogs(result).slice(3)}\n`);
      if (v.calibration) await printCalibration(test.x, test.y);
      return;
    }
    const data = await loadDataForModel(WHERE, v.model, { dataset, dataDir: v['data-dir'] }, ctx);
    const result = await model.evaluateAsync(imagesOf(data.test), runTargets(model, labelsOf(data.test), data.classes.length), { batchSize });
    ctx.stdout.write(`${describeDataset(data)}\n`);
    const logs: Logs = { ...result };
    ctx.stdout.write(`${formatLogs(logs).slice(3)}\n`);
    if (v.calibration) await printCalibration(imagesOf(data.test), labelsOf(data.test));

    async function printCalibration(x: Tensor, y: Tensor): Promise<void> {
      const calibration = evaluateCalibration(model, x, y, { batchSize });
      ctx.stdout.write(`${formatCalibration(calibration)}\n`);
      if (v.chart !== undefined) {
        await writeFile(v.chart, (await renderSvg(reliabilitySpec(calibration))).svg);
        ctx.stdout.write(`Saved ${v.chart}\n`);
      }
    }
  },
});
