/**
 * The flags of `noisenet compare`, their help, and how they combine with a `--config FILE` into
 * one raw experiment configuration (validated by `parseExperimentConfig`).
 */
import { DEFAULT_STDDEVS } from '../../experiments/robustness.js';
import { parseNoiseSpec } from '../../techniques/index.js';
import { DEFAULT_NOISE_STDDEV } from '../build-model.js';
import type { Values } from '../options.js';
import { parseInteger, parseNumberList } from '../values.js';
import { checkOptimizerFlags, optimizerFlagValues, optimizerOptionFlags, parseRunFlag, runOption, type OptimizerFlagValues } from '../run-flags.js';
import { runField } from '../../run/run-schema.js';
import { CARD_EXPECTED, parseCardMeasures, type CardMeasure } from '../../run/card-settings.js';
import { UsageError, badValue } from '../usage-error.js';
import { NoiseSpecError } from '../../techniques/spec-error.js';
import { MAX_SEEDS, configKeys, ownDataKeys } from '../../experiments/config-parse.js';
import { RUN_LIMITS } from '../../run/run-limits.js';
import { PRESET_NOISE } from '../../run/build-run.js';
import { withOwnNoiseName } from '../../models/presets.js';
import { OWN_DATA_OPTIONS, STANDARDIZE_OPTION, ownDataConfig, ownDataSettings } from '../own-data.js';

/** `noisenet compare`, the prefix of its messages. */
export const WHERE = 'noisenet compare';

/** Runs per configuration when neither `--seeds` nor the config file says. */
export const DEFAULT_SEEDS = 3;

/** The noise configuration compared with the baseline when no flag and no file names one. */
export const DEFAULT_COMPARE_NOISE = `gaussian:stddev=${DEFAULT_NOISE_STDDEV}`;

/** The option table of `noisenet compare`. */
export const COMPARE_OPTIONS = {
  config: { type: 'string', arg: 'FILE', help: 'read the experiment from a JSON file (a config, or the results.json of an earlier compare); flags override it' },
  noise: { type: 'string', multiple: true, arg: 'SPEC', help: 'a technique of THE noise configuration held against the baseline; repeat to combine techniques in it' },
  variant: { type: 'string', multiple: true, arg: '"SPEC ..."', help: 'one more noise configuration: its techniques separated by spaces, e.g. "dropout:rate=0.5@hidden"' },
  seeds: { type: 'string', arg: 'N', help: `runs per configuration, seeds 1..N (default ${DEFAULT_SEEDS}); or a list of seeds, e.g. 7,8,9` },
  dataset: runOption('dataset'),
  'data-dir': runOption('dataDir'),
  ...OWN_DATA_OPTIONS,
  ...STANDARDIZE_OPTION,
  'train-size': runOption('trainSize', { help: 'train every run on the same seeded random subset of N samples (default all)' }),
  'val-size': runOption('valSize'),
  seed: runOption('dataSeed', { help: "seed of the training subset and of mnist-mini's split (default 42); runs are seeded by --seeds" }),
  epochs: runOption('epochs'),
  'batch-size': runOption('batchSize'),
  optimizer: runOption('optimizer'),
  lr: runOption('lr'),
  ...optimizerOptionFlags(),
  model: runOption('model'),
  hidden: runOption('hidden'),
  activation: runOption('activation'),
  loss: runOption('loss'),
  stddevs: { type: 'string', arg: 'LIST', help: `test-time Gaussian noise levels of the robustness table, at most ${RUN_LIMITS.levels} (default ${DEFAULT_STDDEVS.join(',')})` },
  draws: { type: 'string', arg: 'N', help: `noise draws per robustness level (default 3, at most ${RUN_LIMITS.draws})` },
  card: runOption('card'),
  'card-samples': runOption('cardSamples'),
  'card-eps': runOption('cardEps'),
  name: { type: 'string', arg: 'TEXT', help: 'title of the report (default "noisenet compare on <dataset>")' },
  out: { type: 'string', arg: 'DIR', help: 'output folder (default runs/compare-<YYYYMMDD-HHMMSS>, local time)' },
  force: { type: 'boolean', help: 'start over in an output folder that holds a results.json (without it: the same configuration resumes, another is refused)' },
  png: { type: 'boolean', help: 'also write the charts as PNG files into DIR/charts/' },
  quiet: { type: 'boolean', short: 'q', help: 'no progress bar; print only the tables' },
} as const;

/** The fields of a config file, from the run schema, for the help: `name, model, ..., configurations [{name, noise: [SPEC, ...]}], ...`. */
function configFieldsText(): string {
  const shapes: Record<string, string> = {
    optimizerOptions: '{the optimizer\'s options: weightDecay, rho, ...}',
    configurations: '[{name, noise: [SPEC, ...]}]',
    robustness: '{stddevs, draws, seed, clip, samples, card, cardSamples, cardEps}',
    data: `{${ownDataKeys().filter((k) => k !== 'sha256').join(', ')}} (your own data, instead of dataset)`,
  };
  return configKeys().map((k) => (shapes[k] ? `${k} ${shapes[k]}` : k)).join(', ');
}

/** `text` in lines of at most `width` characters, broken at spaces. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

/** The help paragraph of `noisenet compare`. */
export const COMPARE_DESCRIPTION = `Trains a baseline without noise and one or more noise configurations, each once per seed, on the
same data and splits, then prints per configuration the final train and validation accuracy and
loss (mean ± sd over seeds), the generalization gap, the best epoch, the difference in validation
accuracy from the baseline with a 95% confidence interval, and the accuracy under test-time
Gaussian noise. With no flags: the article's model (128,64 relu, Adam 0.001, batch 32, 10 epochs)
without noise and with ${DEFAULT_COMPARE_NOISE}, 3 seeds, on MNIST (mnist-mini when offline).

Configurations: --noise SPEC (repeatable) makes ONE configuration of all its specs; each --variant
"SPEC SPEC ..." makes another. A configuration is named after its specs, the baseline "baseline".
The baseline has no noise, a preset's own included: the convnet trains without its Dropout 0.5
unless a configuration lists the spec "preset" ("convnet with its dropout"). After the tables, a
verdict: each difference from the baseline is called a gain or a loss only beyond its 95% CI.

DIR gets results.json (the effective configuration, every run's history and robustness curve,
and the summary; rewritten after every run), runs/<configuration>-seed<seed>.csv, report.html
(self-contained, offline) and with --png charts/*.png. A DIR holding results.json of the same
configuration (an interrupted or killed compare) is taken up again: its finished runs are kept
and the others trained. One of another configuration is refused unless --force (start over).
Two compares on one DIR at once: the second fails. --config FILE reads a JSON experiment; the
flags given override its fields, and --noise/--variant replace its configurations. Rerun an
experiment with --config DIR/results.json --out OTHER.
${wrap(`Config fields: ${configFieldsText()}.`, 100)}

Ctrl-C stops after the current batch, keeps the finished runs in results.json, writes their
report and exits 130; a second Ctrl-C exits at once; the same command then trains the rest.
Exit 2: misuse, an invalid config file or noise spec; exit 1: a failure (unreadable file, DIR
holds other results or is in use, ...).`;

/** Examples shown after the options of `noisenet compare --help`. */
export const COMPARE_EXAMPLES = `Examples:
  noisenet compare --dataset mnist-mini --seeds 3 --png --out runs/mnist-mini
  noisenet compare --noise gaussian:stddev=0.1 --noise dropout:rate=0.5@hidden
  noisenet compare --variant gaussian:stddev=0.1 --variant "gaussian:stddev=0.3" --variant "dropout:rate=0.5@hidden"
  noisenet compare --dataset fashion-mnist --train-size 2000 --epochs 30 --stddevs 0,0.2,0.4 --draws 5
  noisenet compare --config runs/mnist-mini/results.json --out runs/mnist-mini-again`;

/** The flags that are not part of the experiment's configuration. */
export interface CompareRunFlags {
  config: string | undefined;
  out: string;
  force: boolean;
  png: boolean;
  quiet: boolean;
}

/** What the flags ask for, checked: run flags, the config fields they set, and which ones. */
export interface CompareFlags extends CompareRunFlags {
  /** Config fields given on the command line, in the config file's names. */
  overrides: Record<string, unknown>;
  /** The configurations --noise and --variant make (after the baseline), or null when neither is given. */
  configurations: { name: string; noise: string[] }[] | null;
  /** Robustness fields given on the command line. */
  robustness: { stddevs?: number[]; draws?: number; card?: CardMeasure[]; cardSamples?: number; cardEps?: number };
  /** The optimizer options given as flags (--momentum, --weight-decay, ...), checked against the optimizer once the config file is read. */
  optimizerFlags: OptimizerFlagValues['given'];
}

/** `runs/compare-20250131-142501` (local time). */
export function defaultOutDir(now = new Date()): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `runs/compare-${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
}

/** Checks one spec as `train --noise` does. @throws UsageError `noisenet compare: noise spec '...': ...; see noisenet techniques`. */
export function checkSpec(spec: string): string {
  if (spec.trim() === PRESET_NOISE) return PRESET_NOISE;
  try {
    return parseNoiseSpec(spec).text;
  } catch (err) {
    if (err instanceof NoiseSpecError) throw new UsageError(`${WHERE}: ${err.message}; see noisenet techniques`);
    throw err;
  }
}

/** Every flag checked. @throws UsageError naming the flag, the rule and the value. */
export function compareFlags(v: Values<typeof COMPARE_OPTIONS>): CompareFlags {
  const o: Record<string, unknown> = {};
  const run = (key: string, raw: string | undefined): void => {
    if (raw !== undefined) o[key] = parseRunFlag(WHERE, key, raw);
  };
  run('dataset', v.dataset);
  run('dataDir', v['data-dir']);
  const own = ownDataSettings(WHERE, v);
  if (v['no-standardize'] && own === undefined) throw new UsageError(`${WHERE}: --no-standardize applies only with --data PATH (your own data)`);
  if (own !== undefined) o.data = ownDataConfig(own, !(v['no-standardize'] ?? false));
  run('trainSize', v['train-size']);
  run('valSize', v['val-size']);
  run('dataSeed', v.seed);
  run('epochs', v.epochs);
  run('batchSize', v['batch-size']);
  run('optimizer', v.optimizer);
  run('lr', v.lr);
  run('model', v.model);
  run('hidden', v.hidden);
  run('activation', v.activation);
  run('loss', v.loss);
  const optimizerFlags = optimizerFlagValues(WHERE, v);
  if (optimizerFlags.momentum !== undefined) o.momentum = optimizerFlags.momentum;
  if (Object.keys(optimizerFlags.optimizerOptions).length > 0) o.optimizerOptions = optimizerFlags.optimizerOptions;
  if (v.name !== undefined) {
    if (v.name.trim() === '') throw badValue(WHERE, '--name', 'a non-empty text', v.name);
    o.name = v.name;
  }
  if (v.seeds !== undefined) o.seeds = parseSeeds(v.seeds);
  const robustness: CompareFlags['robustness'] = {};
  if (v.stddevs !== undefined) robustness.stddevs = parseNumberList(WHERE, '--stddevs', v.stddevs, { min: 0 });
  if (robustness.stddevs && robustness.stddevs.length > RUN_LIMITS.levels) throw badValue(WHERE, '--stddevs', `a list of at most ${RUN_LIMITS.levels} levels`, `${robustness.stddevs.length} levels`);
  if (v.draws !== undefined) robustness.draws = parseInteger(WHERE, '--draws', v.draws, { min: 1, max: RUN_LIMITS.draws });
  if (v.card !== undefined) robustness.card = parseCardFlag(v.card);
  if (v['card-samples'] !== undefined) robustness.cardSamples = parseRunFlag(WHERE, 'cardSamples', v['card-samples']) as number;
  if (v['card-eps'] !== undefined) robustness.cardEps = parseRunFlag(WHERE, 'cardEps', v['card-eps']) as number;

  let configurations: CompareFlags['configurations'] = null;
  if (v.noise !== undefined || v.variant !== undefined) {
    configurations = [];
    if (v.noise?.length) configurations.push(namedConfiguration(v.noise.map(checkSpec)));
    for (const variant of v.variant ?? []) {
      const specs = variant.split(/\s+/).filter((s) => s !== '');
      if (specs.length === 0) throw badValue(WHERE, '--variant', 'one or more noise specs separated by spaces', variant);
      configurations.push(namedConfiguration(specs.map(checkSpec)));
    }
    const names = configurations.map((c) => c.name);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) throw new UsageError(`${WHERE}: the noise configuration "${repeated}" is given twice (--noise and --variant each make one)`);
  }
  return {
    overrides: o,
    configurations,
    robustness,
    optimizerFlags: optimizerFlags.given,
    config: v.config,
    out: v.out ?? defaultOutDir(),
    force: v.force ?? false,
    png: v.png ?? false,
    quiet: v.quiet ?? false,
  };
}

/** `--card all|none|LIST`. @throws UsageError naming the measures. */
function parseCardFlag(raw: string): CardMeasure[] {
  try {
    return parseCardMeasures(WHERE, raw);
  } catch {
    throw badValue(WHERE, '--card', CARD_EXPECTED, raw);
  }
}

/** A configuration named after its specs: `gaussian:stddev=0.1 + dropout:rate=0.5@hidden`. */
export function namedConfiguration(specs: string[]): { name: string; noise: string[] } {
  return { name: specs.join(' + '), noise: specs };
}

/** `--seeds 3` (seeds 1, 2, 3) or `--seeds 7,8,9`. */
function parseSeeds(raw: string): number | number[] {
  if (!raw.includes(',')) return parseInteger(WHERE, '--seeds', raw, { min: 1, max: MAX_SEEDS });
  const seeds = raw.split(',').map((s) => parseInteger(WHERE, '--seeds', s.trim(), { min: 0, max: 0xffffffff }));
  if (new Set(seeds).size !== seeds.length) throw badValue(WHERE, '--seeds', 'a count N >= 1 or a list of distinct seeds', raw);
  return seeds;
}

/**
 * The raw configuration: the file's fields (if any), overridden by the flags, with the CLI's
 * defaults for what neither gives (the configurations: baseline and {@link DEFAULT_COMPARE_NOISE};
 * the seeds: {@link DEFAULT_SEEDS}). The dataset stays unset when neither gives it, so that the
 * command can fall back from MNIST to mnist-mini.
 */
export function mergeConfig(file: unknown, flags: CompareFlags): unknown {
  if (file !== undefined && (typeof file !== 'object' || file === null || Array.isArray(file))) return file; // parseExperimentConfig names the error
  const raw: Record<string, unknown> = withOverrides(file as Record<string, unknown> | undefined, flags.overrides);
  if (raw.seeds === undefined) raw.seeds = DEFAULT_SEEDS;
  if (flags.configurations !== null) {
    const own = typeof raw.model === 'string' ? withOwnNoiseName(raw.model) : null;
    // `--noise preset` names the preset keeping its own noise: "convnet with its dropout".
    const named = flags.configurations.map((c) => (own === null || !c.noise.includes(PRESET_NOISE) ? c : { ...c, name: c.noise.map((s) => (s === PRESET_NOISE ? own : s)).join(' + ') }));
    raw.configurations = [{ name: 'baseline', noise: [] }, ...named];
    raw.baseline = 'baseline';
  } else if (raw.configurations === undefined) {
    raw.configurations = [{ name: 'baseline', noise: [] }, namedConfiguration([DEFAULT_COMPARE_NOISE])];
  }
  if (Object.keys(flags.robustness).length > 0) {
    const r = raw.robustness;
    if (r === undefined || (typeof r === 'object' && r !== null && !Array.isArray(r))) raw.robustness = { ...(r as object | undefined), ...flags.robustness };
  }
  checkOptimizerFlags(WHERE, typeof raw.optimizer === 'string' ? raw.optimizer : String(runField('optimizer').field.default), flags.optimizerFlags);
  return raw;
}

/**
 * A config's fields with the flags' over them; the optimizer options of the flags join the
 * file's (`--weight-decay` keeps the file's `beta1`), unless the flags change the optimizer.
 */
export function withOverrides(file: Record<string, unknown> | undefined, overrides: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...file, ...overrides };
  // The data of the flags replaces the file's: --data drops its built-in dataset, --dataset or --data-dir its own data.
  if (overrides.data !== undefined) {
    delete raw.dataset;
    delete raw.dataDir;
  } else if (overrides.dataset !== undefined || overrides.dataDir !== undefined) delete raw.data;
  const fileOptions = file?.optimizerOptions;
  const sameOptimizer = overrides.optimizer === undefined || overrides.optimizer === file?.optimizer;
  if (overrides.optimizerOptions !== undefined && sameOptimizer && typeof fileOptions === 'object' && fileOptions !== null && !Array.isArray(fileOptions)) {
    raw.optimizerOptions = { ...fileOptions, ...(overrides.optimizerOptions as object) };
  }
  if (!sameOptimizer && overrides.optimizerOptions === undefined) delete raw.optimizerOptions;
  return raw;
}
