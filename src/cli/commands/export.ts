/** `noisenet export --model DIR --format onnx --out FILE`: a saved model as an ONNX file. */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { loadModel } from '../../io/node/load-model.js';
import { readModelData } from '../../io/node/model-dataset.js';
import { writeFilesAtomic } from '../../io/node/atomic-write.js';
import { ONNX_OPSET, exportOnnx } from '../../io/onnx/export.js';
import { NoisenetError } from '../../errors.js';
import { defineCommand } from '../options.js';
import { parseChoice, parseInteger } from '../values.js';
import { UsageError } from '../usage-error.js';
import { runOption } from '../run-flags.js';

const WHERE = 'noisenet export';

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'write a saved model as an ONNX file',
  description: `Loads a model folder (DIR/model of \`noisenet train --out DIR\`, or a TF.js layers-model) and writes
its inference graph as ONNX (opset ${ONNX_OPSET} by default): noise layers vanish, DropConnect is folded
into its weights, a final softmax stays a Softmax (--logits leaves it out). The graph's input is
'input' and its output 'output', both with a dynamic batch dimension. The file is written to a
temporary name and renamed, so an existing FILE is replaced whole or not at all. For a model trained
on your own data (train --data), it also prints what the graph leaves to its user: how samples are
read before it (image pixels as value / 255), a table's columns in order, and the class of each output.`,
  epilog: `Examples:
  noisenet export --model runs/mini/model --format onnx --out mini.onnx
  noisenet export --model runs/mini/model --format onnx --out mini-logits.onnx --logits`,
  options: {
    model: { type: 'string', arg: 'DIR', help: 'the model folder (model.json + weights.bin); required' },
    format: { type: 'string', arg: 'NAME', help: 'onnx (the only format; default onnx)' },
    out: runOption('out', { arg: 'FILE', help: 'the file to write; required' }),
    logits: { type: 'boolean', help: 'leave out the final softmax: the graph outputs logits' },
    opset: { type: 'string', arg: 'N', help: `ONNX operator set, 17 to 21 (default ${ONNX_OPSET}; from 20 GELU is one Gelu node)` },
  },
  async run(v, ctx) {
    if (v.model === undefined) throw new UsageError(`${WHERE}: --model DIR is required; see ${WHERE} --help`);
    if (v.out === undefined) throw new UsageError(`${WHERE}: --out FILE is required; see ${WHERE} --help`);
    parseChoice(WHERE, '--format', v.format ?? 'onnx', ['onnx'] as const);
    const opset = parseInteger(WHERE, '--opset', v.opset ?? String(ONNX_OPSET), { min: 17, max: 21 });
    if (existsSync(v.out) && statSync(v.out).isDirectory()) throw new NoisenetError(`--out ${v.out} is a folder; give the file to write, e.g. ${v.out}/model.onnx`);
    const model = await loadModel(v.model);
    const bytes = exportOnnx(model, { logits: v.logits ?? false, opset });
    await writeFilesAtomic(dirname(v.out), [{ name: basename(v.out), data: bytes }]);
    const shape = (s: readonly number[]): string => `[batch, ${s.join(', ')}]`;
    ctx.stdout.write(`Wrote ${v.out} (ONNX opset ${opset}, ${bytes.length} bytes): input ${shape(model.inputShape)} -> output ${shape(model.outputShape)}${v.logits ? ' (logits)' : ''}\n`);
    for (const line of ownDataNotes(await readModelData(v.model), model.outputShape, v.logits ?? false)) ctx.stdout.write(`${line}\n`);
  },
});

/**
 * What a user of the graph needs to know of the own data the model was trained on (`noisenet.data`
 * in model.json): the reading the graph does not do itself (pixels as value / 255), a table's
 * columns in the graph's order (categories one-hot, as `predict` encodes them), and the class of
 * each output.
 */
function ownDataNotes(data: Record<string, unknown> | null, outputShape: readonly number[], logits: boolean): string[] {
  if (data === null) return [];
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);
  const lines: string[] = [];
  const reading = strings(data['preprocessing']);
  if (reading.length > 0) lines.push(`Input: samples as noisenet reads them (${reading.join('; ')}); the graph does not do this itself`);
  const features = strings(data['featureNames']);
  // A table without a header has only "column N" names: nothing to say beyond the input width.
  if (features.some((f) => !/^column \d+$/.test(f))) lines.push(`Input columns, in order: ${features.slice(0, 10).join(', ')}${features.length > 10 ? `, ... (${features.length} in all: noisenet.data.featureNames in model.json)` : ''}`);
  const classes = strings(data['classes']);
  if (data['task'] === 'classification' && classes.length > 1 && outputShape.length === 1 && outputShape[0] === classes.length) {
    lines.push(`Output: one ${logits ? 'logit' : 'probability'} per class, in the order ${classes.join(', ')}`);
  }
  return lines;
}
