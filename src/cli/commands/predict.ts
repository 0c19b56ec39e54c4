/**
 * `noisenet predict --model DIR --input PATH`: the class a saved model predicts for each sample
 * of a table, an image, a folder of images or an `.npy` array, with its probability; one line per
 * sample, or a CSV or JSON file with `--out FILE`.
 */
import { statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadModel } from '../../io/node/load-model.js';
import { readModelData } from '../../io/node/model-dataset.js';
import { temporaryName, writeDurable } from '../../io/node/durable.js';
import { defineCommand } from '../options.js';
import { parseInteger } from '../values.js';
import { UsageError, badValue } from '../usage-error.js';
import { NoisenetError } from '../../errors.js';
import { DELIMITER_EXPECTED, parseDelimiter } from '../../experiments/own-data.js';
import { readPredictInput } from '../predict-input.js';
import { parseRunFlag, runOption } from '../run-flags.js';
import { checkForceNeeds, checkOutputFile } from '../output-path.js';
import type { SavedDataRecord } from '../own-data.js';

const WHERE = 'noisenet predict';

/** One prediction of a classifier (binary too: the class on the output's side of 0.5). */
export interface Prediction {
  /** The sample: `row 3`, a file name, or the index in an array. */
  readonly input: string;
  readonly class: string;
  readonly index: number;
  /** The probability of that class. */
  readonly probability: number;
}

/** One prediction of a regression model: the value. */
export interface ValuePrediction {
  readonly input: string;
  readonly value: number;
}

export const predict = defineCommand({
  name: 'predict',
  summary: 'predict the class of new samples with a saved model',
  description: `Loads a model folder written by \`noisenet train --out DIR\` (DIR/model) and prints, for each sample
of --input, the predicted class (by the names the model recorded of its data) and its probability:
\`<sample>\\t<class>\\t<probability>\`. The input is read as the model's data was: a CSV/TSV of rows
(the feature columns, or whole rows with the target column, which is then ignored), an image or a
folder of images (resized to the model's input unless --resize refuse, channels converted), or an .npy array
[count, ...sample shape]. A table model standardises its features itself (its normalization layer).`,
  epilog: `Examples:
  noisenet predict --model runs/wine/model --input new-wines.csv
  noisenet predict --model runs/shapes/model --input photos/ --out predictions.json`,
  computes: true,
  options: {
    model: { type: 'string', arg: 'DIR', help: 'the model folder (model.json + weights.bin); required' },
    input: { type: 'string', arg: 'PATH', help: 'a .csv/.tsv table (or one gzipped, .csv.gz), an image, a folder of images, or an .npy array; required' },
    out: { type: 'string', arg: 'FILE', help: 'write the predictions to FILE, CSV or JSON by its extension (.csv, .json), instead of printing them' },
    'batch-size': { type: 'string', arg: 'N', help: 'samples per forward pass (default 32; does not change the result)' },
    force: { type: 'boolean', help: 'overwrite the --out FILE if it exists (refused otherwise, before any work)' },
    resize: runOption('resize', { help: "images of another size than the model's input: resized bilinearly (bilinear, the default) or refused (refuse)" }),
    delimiter: runOption('delimiter', { help: "tables: the field separator, one character; tab (or \\t) for the tab (default the one the model's table was read with, else detected)" }),
    header: runOption('header', { help: "tables: whether the first row names the columns: auto, yes, no (default as the model's table was read, else detected)" }),
  },
  async run(v, ctx) {
    if (v.model === undefined) throw new UsageError(`${WHERE}: --model DIR is required; see ${WHERE} --help`);
    if (v.input === undefined) throw new UsageError(`${WHERE}: --input PATH is required; see ${WHERE} --help`);
    const format = v.out === undefined ? undefined : v.out.toLowerCase().endsWith('.json') ? 'json' : v.out.toLowerCase().endsWith('.csv') ? 'csv' : null;
    if (format === null) throw new UsageError(`${WHERE}: --out must end in .csv or .json, received ${JSON.stringify(v.out)}`);
    const batchSize = parseInteger(WHERE, '--batch-size', v['batch-size'] ?? '32', { min: 1 });
    checkForceNeeds(WHERE, v.force, '--out FILE', v.out, 'an existing file');
    if (v.out !== undefined) checkPredictionsFile(v.out, v.force ?? false);
    const model = await loadModel(v.model);
    const record = (await readModelData(v.model)) as Partial<SavedDataRecord> | null;
    const sampleShape = record?.sampleShape ?? model.inputShape;
    const resize = v.resize === undefined ? undefined : (parseRunFlag(WHERE, 'resize', v.resize) as 'bilinear' | 'refuse');
    const delimiter = v.delimiter === undefined ? undefined : parseDelimiter(v.delimiter);
    if (v.delimiter !== undefined && delimiter === undefined) throw badValue(WHERE, '--delimiter', DELIMITER_EXPECTED, v.delimiter);
    const header = v.header === undefined ? 'auto' : parseRunFlag(WHERE, 'header', v.header);
    const table = { ...(delimiter === undefined ? {} : { delimiter }), ...(header === 'auto' ? {} : { header: header === 'yes' }) };
    const input = await readPredictInput(v.input, { sampleShape, record, ...(resize ? { resize } : {}), ...table });
    for (const w of input.warnings) ctx.stderr.write(`${WHERE}: ${w}\n`);
    const probabilities = model.predict(input.x, { batchSize });
    const classes = probabilities.shape[1]!;
    const names = record?.classes ?? [];
    const values = probabilities.data;
    // One output: a regression's value, or a binary model's probability of its second class.
    const regression = classes === 1 && (model.loss?.task === 'regression' || (model.loss === null && names.length === 0));
    if (regression) {
      const out: ValuePrediction[] = input.names.map((name, i) => ({ input: name, value: values[i]! * probabilities.scale }));
      if (v.out === undefined) {
        for (const p of out) ctx.stdout.write(`${p.input}\t${formatValue(p.value)}\n`);
        return;
      }
      await writeAtomically(v.out, format === 'json' ? `${JSON.stringify(out, null, 2)}\n` : `input,value\n${out.map((p) => `${csvCell(p.input)},${p.value}`).join('\n')}\n`);
      ctx.stdout.write(`Saved ${out.length} predictions to ${v.out}\n`);
      return;
    }
    const out: Prediction[] = input.names.map((name, i) => {
      if (classes === 1) {
        const p = values[i]! * probabilities.scale;
        const index = p > 0.5 ? 1 : 0;
        return { input: name, class: names[index] ?? String(index), index, probability: index === 1 ? p : 1 - p };
      }
      let best = 0;
      for (let c = 1; c < classes; c++) if (values[i * classes + c]! > values[i * classes + best]!) best = c;
      return { input: name, class: names[best] ?? String(best), index: best, probability: values[i * classes + best]! * probabilities.scale };
    });
    if (v.out === undefined) {
      for (const p of out) ctx.stdout.write(`${p.input}\t${p.class}\t${p.probability.toFixed(4)}\n`);
      return;
    }
    await writeAtomically(v.out, format === 'json' ? `${JSON.stringify(out, null, 2)}\n` : `input,class,index,probability\n${out.map((p) => `${csvCell(p.input)},${csvCell(p.class)},${p.index},${p.probability}`).join('\n')}\n`);
    ctx.stdout.write(`Saved ${out.length} predictions to ${v.out}\n`);
  },
});

/** `--out FILE` can be written before any work: its folder exists, and FILE is new unless `force`. */
function checkPredictionsFile(path: string, force: boolean): void {
  const folder = dirname(path);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    throw new NoisenetError(`--out ${path}: the folder ${folder} does not exist`);
  }
  if (!isFolder) throw new NoisenetError(`--out ${path}: ${folder} is a file, not a folder`);
  checkOutputFile(WHERE, '--out', path, force);
}

/** A predicted value with six significant digits. */
function formatValue(x: number): string {
  return Number(x.toPrecision(6)).toString();
}

/** Writes `text` to `path` through a temporary file, so a failure leaves nothing half-written. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = temporaryName(path);
  try {
    await writeDurable(temporary, text);
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
