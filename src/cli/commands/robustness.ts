/** `noisenet robustness --model DIR`: accuracy of a saved model under Gaussian noise per level, common corruptions (`--corruptions`) or adversarial attacks (`--attack`). */
import { sliceRows } from '../../train/data-source.js';
import { DEFAULT_STDDEVS, formatRobustnessTable, robustnessCurve } from '../../experiments/index.js';
import { MODEL_DATA_OPTIONS, loadModelAndData } from '../model-data.js';
import { CountProgress } from '../count-progress.js';
import { writeJsonRecord } from '../json-record.js';
import { checkForceNeeds, checkOutputFile } from '../output-path.js';
import { defineCommand } from '../options.js';
import { parseInteger, parseNumberList } from '../values.js';
import { UsageError, badValue } from '../usage-error.js';
import { runOption } from '../run-flags.js';
import { RUN_LIMITS } from '../../run/run-limits.js';
import { ATTACK_OPTIONS, parseAttackFlags, runAttack } from '../robustness-attack.js';
import { runTargets } from '../../experiments/index.js';
import { CORRUPTIONS_HELP, SEVERITY_HELP, parseCorruptionsFlag, parseSeverityFlag } from '../corruption-flags.js';
import { runCorruptionRobustness } from './robustness-corruptions.js';

const WHERE = 'noisenet robustness';

export const robustness = defineCommand({
  name: 'robustness',
  summary: 'accuracy of a saved model under Gaussian noise, common corruptions or adversarial attacks',
  description: `Loads a model folder (noisenet train --out DIR writes DIR/model) and measures its accuracy on the
test split with Gaussian noise N(0, s²) added to every input value (pixels in [0, 1]; a table's
features as stored in the file, before the model's normalization) at test time, for every s of
--stddevs, averaged over --draws seeded draws (s = 0 once). The model's own noise layers are off.
The same --seed gives every model the same noise.

With --attack fgsm|pgd it measures the accuracy under an adversarial attack instead, for every
radius of --eps: FGSM (Goodfellow et al. 2015) or PGD (Madry et al. 2018), under the
L-infinity or L2 norm (--norm), made from the gradient of the model's loss with respect to its
input; inputs are clipped to [0, 1] (pixels) or the test inputs' own range (--range).

With --corruptions, measures instead its accuracy under the common corruptions of MNIST-C
(Mu & Gilmer 2019), each applied to every test image at --severity (default: the benchmark's
own severity per corruption), seeded per image: the accuracy per corruption, the mean
corruption accuracy, and each error relative to the clean error.`,
  epilog: `Examples:
  noisenet robustness --model runs/baseline/model --dataset mnist-mini
  noisenet robustness --model runs/noisy/model --stddevs 0,0.25,0.5,1 --draws 5 --clip --json robustness.json
  noisenet robustness --model runs/baseline/model --attack fgsm --eps 0,0.05,0.1,0.2
  noisenet robustness --model runs/baseline/model --attack pgd --eps 0.1 --steps 20 --restarts 3
  noisenet robustness --model runs/baseline/model --corruptions all
  noisenet robustness --model runs/baseline/model --corruptions shot_noise,rotate,fog --severity 3`,
  computes: true,
  options: {
    ...MODEL_DATA_OPTIONS,
    stddevs: { type: 'string', arg: 'LIST', help: `test-time noise levels, comma-separated, at most ${RUN_LIMITS.levels} (default ${DEFAULT_STDDEVS.join(',')})` },
    draws: { type: 'string', arg: 'N', help: `noise draws per level (default 3, at most ${RUN_LIMITS.draws})` },
    samples: { type: 'string', arg: 'N', help: 'use the first N test samples (default all)' },
    seed: runOption('seed', { help: 'seed of the noise (default 0)' }),
    clip: { type: 'boolean', help: 'clip noisy inputs to [0, 1] (default: not clipped, as in Cohen et al.)' },
    'batch-size': runOption('batchSize', { help: 'samples per forward pass (default 256; does not change the result)' }),
    corruptions: { type: 'string', arg: 'LIST', help: `measure under common corruptions instead of Gaussian noise: ${CORRUPTIONS_HELP}` },
    severity: { type: 'string', arg: 'N', help: `with --corruptions: ${SEVERITY_HELP}` },
    json: { type: 'string', arg: 'FILE', help: 'also write the settings and every draw\'s accuracy as JSON' },
    force: { type: 'boolean', help: 'overwrite the --json FILE if it exists (refused otherwise, before any work)' },
    ...ATTACK_OPTIONS,
  },
  async run(v, ctx) {
    if (v.severity !== undefined && v.corruptions === undefined) throw new UsageError(`${WHERE}: --severity applies only with --corruptions LIST`);
    if (v.corruptions !== undefined) {
      if (v.attack !== undefined) throw new UsageError(`${WHERE}: --corruptions and --attack measure different things; give one of them`);
      const corruptions = parseCorruptionsFlag(WHERE, v.corruptions).map((c) => c.name);
      const severity = parseSeverityFlag(WHERE, v.severity);
      const given = (['stddevs', 'draws', 'clip'] as const).find((f) => v[f] !== undefined);
      if (given !== undefined) throw new UsageError(`${WHERE}: --${given} is for Gaussian noise; it does not apply with --corruptions`);
      const samples = v.samples === undefined ? undefined : parseInteger(WHERE, '--samples', v.samples, { min: 1 });
      const seed = parseInteger(WHERE, '--seed', v.seed ?? '0', { min: 0, max: 0xffffffff });
      const batchSize = parseInteger(WHERE, '--batch-size', v['batch-size'] ?? '256', { min: 1 });
      checkForceNeeds(WHERE, v.force, '--json FILE', v.json, 'an existing file');
      if (v.json !== undefined) checkOutputFile(WHERE, '--json', v.json, v.force ?? false);
      const { model, test } = await loadModelAndData(WHERE, v, ctx);
      if (samples !== undefined && samples > test.count) throw badValue(WHERE, '--samples', `an integer from 1 to ${test.count} (the ${test.split} samples of ${test.name})`, String(samples));
      await runCorruptionRobustness(WHERE, model, test, { corruptions, severity, seed, batchSize, samples, json: v.json, modelDir: v.model }, ctx);
      return;
    }
    const stddevs = parseNumberList(WHERE, '--stddevs', v.stddevs ?? DEFAULT_STDDEVS.join(','), { min: 0 });
    if (stddevs.length > RUN_LIMITS.levels) throw badValue(WHERE, '--stddevs', `a list of at most ${RUN_LIMITS.levels} levels`, `${stddevs.length} levels`);
    const draws = parseInteger(WHERE, '--draws', v.draws ?? '3', { min: 1, max: RUN_LIMITS.draws });
    const samples = v.samples === undefined ? undefined : parseInteger(WHERE, '--samples', v.samples, { min: 1 });
    const seed = parseInteger(WHERE, '--seed', v.seed ?? '0', { min: 0, max: 0xffffffff });
    const batchSize = parseInteger(WHERE, '--batch-size', v['batch-size'] ?? '256', { min: 1 });
    const clip = v.clip ?? false;
    const attack = parseAttackFlags(WHERE, v);
    if (attack) {
      const noiseFlag = (['stddevs', 'draws', 'clip'] as const).find((k) => v[k] !== undefined);
      if (noiseFlag) throw badValue(WHERE, `--${noiseFlag}`, 'left out with --attack (it sets the Gaussian noise)', `--${noiseFlag} with --attack`);
    }
    checkForceNeeds(WHERE, v.force, '--json FILE', v.json, 'an existing file');
    if (v.json !== undefined) checkOutputFile(WHERE, '--json', v.json, v.force ?? false);
    const { model, test: data } = await loadModelAndData(WHERE, v, ctx);
    const count = data.count;
    if (samples !== undefined && samples > count) throw badValue(WHERE, '--samples', `an integer from 1 to ${count} (the ${data.split} samples of ${data.name})`, String(samples));
    const n = samples ?? count;
    const x = sliceRows(data.x, 0, n);
    const y = sliceRows(data.y, 0, n);
    const progress = new CountProgress({ label: 'robustness', write: (s) => ctx.stderr.write(s), isTTY: ctx.stderr.isTTY ?? false, lines: false });
    if (attack) {
      if (!model.loss) model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
      const classes = model.outputShape.reduce((a, b) => a * b, 1);
      const { curve, lines } = await runAttack(WHERE, model, x, runTargets(model, y, classes), attack, { seed, batchSize, onProgress: progress.update, split: data.split });
      ctx.stdout.write(`${[data.describe, ...lines].join('\n')}\n`);
      if (v.json !== undefined) {
        await writeJsonRecord(v.json, 'noisenet-adversarial', model.backend.name, { model: v.model, dataset: { name: data.name, source: data.source, samples: n }, settings: { ...curve.settings, seed }, points: curve.points });
        ctx.stdout.write(`Saved ${v.json}\n`);
      }
      return;
    }
    const points = await robustnessCurve(model, x, y, { stddevs, draws, seed, batchSize, clip: clip ? { min: 0, max: 1 } : null, onProgress: progress.update });
    const print = (line: string): void => ctx.stdout.write(`${line}\n`);
    print(data.describe);
    print(`Accuracy on ${n === count ? 'the' : `the first ${n} of the`} ${count} ${data.split} samples + Gaussian noise N(0, s²) per input value; ${draws} draw${draws === 1 ? '' : 's'} per level, seed ${seed}, ${clip ? 'clipped to [0, 1]' : 'not clipped'}:`);
    print(formatRobustnessTable(points));
    if (v.json !== undefined) {
      await writeJsonRecord(v.json, 'noisenet-robustness', model.backend.name, {
        model: v.model,
        dataset: { name: data.name, source: data.source, samples: n },
        settings: { stddevs, draws, seed, clip },
        points,
      });
      print(`Saved ${v.json}`);
    }
  },
});
