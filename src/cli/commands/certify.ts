/**
 * `noisenet certify --model DIR --sigma S`: randomized smoothing (Cohen, Rosenfeld & Kolter
 * 2019): the certified accuracy of the smoothed model at L2 radii, and how often it abstains.
 */
import { Tensor } from '../../tensor/tensor.js';
import { DEFAULT_RADII, certifyDataset, formatCertifyTable } from '../../experiments/index.js';
import { MODEL_DATA_OPTIONS, loadModelAndData } from '../model-data.js';
import { CountProgress } from '../count-progress.js';
import { writeJsonRecord } from '../json-record.js';
import { checkForceNeeds, checkOutputFile } from '../output-path.js';
import { defineCommand } from '../options.js';
import { parseInteger, parseNumber, parseNumberList } from '../values.js';
import { UsageError, badValue } from '../usage-error.js';
import { runOption } from '../run-flags.js';

const WHERE = 'noisenet certify';

/** Test samples certified by default. */
export const DEFAULT_CERTIFY_SAMPLES = 500;

/** `count` indices spread evenly over `0 .. total - 1` (every k-th sample, as Cohen et al. take every 20th). */
export function evenlySpaced(count: number, total: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor((i * total) / count));
}

/** `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`. */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The rows `indices` of `t`, in that order. */
function gatherRows(t: Tensor, indices: readonly number[]): Tensor {
  const size = t.sampleSize;
  const out = new (t.data.constructor as new (n: number) => typeof t.data)(indices.length * size);
  indices.forEach((row, i) => out.set(t.data.subarray(row * size, (row + 1) * size), i * size));
  return new Tensor(out, [indices.length, ...t.shape.slice(1)], t.scale);
}

export const certify = defineCommand({
  name: 'certify',
  summary: 'certified accuracy of a saved model under randomized smoothing (Cohen et al. 2019)',
  description: `Randomized smoothing (Cohen, Rosenfeld & Kolter 2019): the smoothed classifier predicts the class
the model gives most often for x + N(0, sigma² I). CERTIFY guesses that class from --n0 noisy
copies, bounds its probability pA from below with --n fresh copies (Clopper-Pearson, level
--alpha) and certifies the prediction within the L2 radius sigma * PhiInverse(pA_lower), or
abstains when pA_lower <= 1/2. Prints the certified accuracy at each radius (correct, not
abstained, radius >= r) over --samples test samples spread evenly over the test split, and the
abstain rate. Models trained with Gaussian input noise of about sigma certify best.
Cost: (n0 + n) forward passes per sample.`,
  epilog: `Examples:
  noisenet certify --model runs/noisy/model --sigma 0.25 --dataset mnist-mini
  noisenet certify --model runs/noisy/model --sigma 0.5 --n 100000 --samples 200 --radii 0,0.5,1,1.5,2 --json certify.json`,
  computes: true,
  options: {
    ...MODEL_DATA_OPTIONS,
    sigma: { type: 'string', arg: 'S', help: "stddev of the smoothing noise, > 0, in the units of the model's input: images as pixel values / 255 (in [0, 1]); tables and float arrays as the features are stored in the file, before the model's normalization; required" },
    n0: { type: 'string', arg: 'N', help: 'selection samples per input (default 100)' },
    n: { type: 'string', arg: 'N', help: 'estimation samples per input (default 10000; Cohen et al. use 100000)' },
    alpha: { type: 'string', arg: 'X', help: 'failure probability of each certificate, in (0, 1) (default 0.001)' },
    samples: { type: 'string', arg: 'N', help: `test samples to certify, spread evenly over the test split (default ${DEFAULT_CERTIFY_SAMPLES}, at most all)` },
    radii: { type: 'string', arg: 'LIST', help: `L2 radii at which to report certified accuracy, in the units of --sigma (default ${DEFAULT_RADII.join(',')})` },
    seed: runOption('seed', { help: 'seed of the noise (default 0)' }),
    'batch-size': runOption('batchSize', { help: 'noisy copies per forward pass (default 1000; does not change the result)' }),
    json: { type: 'string', arg: 'FILE', help: "also write the settings, the curve and every sample's certificate as JSON" },
    force: { type: 'boolean', help: 'overwrite the --json FILE if it exists (refused otherwise, before any work)' },
  },
  async run(v, ctx) {
    if (v.sigma === undefined) throw new UsageError(`${WHERE}: --sigma S is required; see ${WHERE} --help`);
    const sigma = parseNumber(WHERE, '--sigma', v.sigma, { min: 0, above: true });
    const n0 = parseInteger(WHERE, '--n0', v.n0 ?? '100', { min: 1 });
    const n = parseInteger(WHERE, '--n', v.n ?? '10000', { min: 1 });
    const alpha = parseNumber(WHERE, '--alpha', v.alpha ?? '0.001', { min: 0, above: true, max: 1, below: true });
    const samplesGiven = v.samples === undefined ? undefined : parseInteger(WHERE, '--samples', v.samples, { min: 1 });
    const radii = parseNumberList(WHERE, '--radii', v.radii ?? DEFAULT_RADII.join(','), { min: 0 });
    const seed = parseInteger(WHERE, '--seed', v.seed ?? '0', { min: 0, max: 0xffffffff });
    const batchSize = parseInteger(WHERE, '--batch-size', v['batch-size'] ?? '1000', { min: 1 });
    checkForceNeeds(WHERE, v.force, '--json FILE', v.json, 'an existing file');
    if (v.json !== undefined) checkOutputFile(WHERE, '--json', v.json, v.force ?? false);
    const { model, test: data } = await loadModelAndData(WHERE, v, ctx);
    const count = data.count;
    if (samplesGiven !== undefined && samplesGiven > count) throw badValue(WHERE, '--samples', `an integer from 1 to ${count} (the ${data.split} samples of ${data.name})`, String(samplesGiven));
    const samples = samplesGiven ?? Math.min(DEFAULT_CERTIFY_SAMPLES, count);
    const indices = evenlySpaced(samples, count);
    const x = gatherRows(data.x, indices);
    const y = gatherRows(data.y, indices);
    const progress = new CountProgress({ label: 'certify', write: (s) => ctx.stderr.write(s), isTTY: ctx.stderr.isTTY ?? false });
    const report = await certifyDataset(model, x, y, { sigma, n0, n, alpha, seed, batchSize, radii, onProgress: progress.update });
    const print = (line: string): void => ctx.stdout.write(`${line}\n`);
    print(data.describe);
    const step = count / samples;
    const spread = samples === count ? '' : Number.isInteger(step) ? ` (every ${ordinal(step)})` : ` (spread evenly, every ${step.toFixed(1)} on average)`;
    print(`Randomized smoothing (Cohen et al. 2019) of ${samples} of the ${count} ${data.split} samples${spread}, seed ${seed}, ${(report.timeMs / 1000).toFixed(1)} s:`);
    print(formatCertifyTable(report));
    if (v.json !== undefined) {
      await writeJsonRecord(v.json, 'noisenet-certify', model.backend.name, {
        model: v.model,
        dataset: { name: data.name, source: data.source, testCount: count },
        ...report,
        samples: report.samples.map((s) => ({ ...s, index: indices[s.index]! })),
      });
      print(`Saved ${v.json}`);
    }
  },
});
