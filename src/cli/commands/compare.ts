/**
 * `noisenet compare`: a baseline and noise configurations trained over several seeds on the
 * same data, summarized with mean ± sd, the generalization gap, a confidence interval for the
 * difference from the baseline and robustness to test-time noise; results.json, CSVs and an
 * HTML report in the output folder. Ctrl-C keeps the finished runs; the same command run again
 * on the same folder keeps them and trains the others.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { backendNotice } from '../../kernels/registry.js';
import { NoisenetError, InvalidArgumentError } from '../../errors.js';
import {
  ExperimentConfigError, ExperimentProgressBar, RESULTS_FILE, REPORT_FILE, RUNS_DIR, CHARTS_DIR,
  experimentData, formatRobustnessSummaryTable, formatSummaryTable, parseExperimentConfig, robustnessHeading, summaryHeading,
  readExperimentConfigJson, runExperiment, summarizeRuns, validateNoiseSpec,
  type RunFactory, type ExperimentConfig, type ExperimentData, type ExperimentResults,
} from '../../experiments/index.js';
import { loadOwnData } from '../../experiments/data.js';
import { loadedDataRecord } from '../../data/loaded-data-record.js';
import { normalizationText, ownDataName, ownExperimentData } from '../../experiments/own-data.js';
import { describeOwnData, flagWording } from '../own-data.js';
import { runFields } from '../../run/run-schema.js';
import type { DataShape as RunDataShape } from '../../run/run-settings.js';
import { plural } from '../../experiments/format.js';
import { robustnessCards } from '../../experiments/robustness-card.js';
import { verdict, verdictParagraph } from '../../experiments/verdict.js';
import { specRunFactory } from '../../experiments/spec-run-factory.js';
import { buildRun } from '../../run/build-run.js';
import { Interrupted, type CliContext } from '../context.js';
import { cliDataShape, dataShape, describeDataset, loadCliDataset, type DatasetName } from '../load-data.js';
import { defineCommand } from '../options.js';
import { checkOutputDir } from '../output-path.js';
import { checkPngSupport } from '../../report/node/png.js';
import { UsageError, badValue } from '../usage-error.js';
import { COMPARE_DESCRIPTION, COMPARE_EXAMPLES, COMPARE_OPTIONS, WHERE, compareFlags, mergeConfig, type CompareFlags } from './compare-options.js';
import { describeModel } from '../../run/describe-model.js';
import { MODEL_PRESETS } from '../../models/presets.js';
import { describeOptimizer } from '../../run/run-optimizer.js';
import { resumableRuns } from '../../experiments/node/out-dir.js';
import { lockFolder } from '../../io/node/folder-lock.js';

/** The runs' models: the one `noisenet train` builds for the same settings and noise specs. */
export const cliRunFactory: RunFactory = specRunFactory();

/** Checks a config file's noise spec; the reason without the `noise spec '...': ` prefix (the field is named already). */
function validateSpec(spec: string): void {
  try {
    validateNoiseSpec(spec);
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw new InvalidArgumentError(err.message.replace(`noise spec '${spec.trim()}': `, ''));
    throw err;
  }
}

/** The raw JSON of `--config FILE`: unreadable is a failure (exit 1), invalid JSON is misuse (exit 2). */
async function readConfigFile(file: string): Promise<unknown> {
  try {
    return await readExperimentConfigJson(file);
  } catch (err) {
    if (err instanceof ExperimentConfigError && err.field === '(file)') throw new NoisenetError(err.message);
    throw configError(err);
  }
}

/** An invalid configuration (file field, spec) as one line of misuse: `noisenet compare: <file>: <field>: <reason>`. */
function configError(err: unknown): unknown {
  return err instanceof ExperimentConfigError ? new UsageError(`${WHERE}: ${err.message}`) : err;
}

/**
 * Builds every configuration once before any download or run, so a spec that does not fit the
 * model fails first; returns the specs' placement warnings.
 */
function preflight(config: ExperimentConfig, shape: RunDataShape, source: string, fromFlags: boolean): string[] {
  return config.configurations.flatMap((c, i) => {
    try {
      const checked = buildRun({ ...config, noise: c.noise }, shape, { presetNoise: 'listed' }); // as cliRunFactory builds it
      checked.model.dispose();
      return checked.warnings;
    } catch (err) {
      if (!(err instanceof InvalidArgumentError)) throw err;
      throw new UsageError(fromFlags ? `${WHERE}: ${err.message}; see noisenet techniques` : `${WHERE}: ${source}: configurations[${i}].noise: ${err.message}`);
    }
  });
}

function describeConfiguration(c: { name: string; noise: string[] }, model: ExperimentConfig['model']): string {
  const own = typeof model === 'string' ? MODEL_PRESETS[model]?.ownNoise : undefined;
  if (c.noise.length === 0) return own === undefined ? `${c.name} (no noise)` : `${c.name} (no noise: the ${model} without its ${own})`;
  return c.name === c.noise.join(' + ') ? c.name : `${c.name} (${c.noise.join(' ')})`;
}

/** The tables printed at the end (and after an interruption, of the finished runs). */
function printTables(results: ExperimentResults, ctx: CliContext): void {
  const rows = summarizeRuns(results);
  const cards = results.cards ?? robustnessCards(results);
  ctx.stdout.write(`\n${summaryHeading(results)}\n${formatSummaryTable(rows)}\n\n${robustnessHeading(results)}\n${formatRobustnessSummaryTable(rows)}\n\nVerdict: ${verdictParagraph(verdict(rows, cards))}\n`);
}

async function writeReportOf(results: ExperimentResults, flags: CompareFlags): Promise<string[]> {
  const { writeReport } = await import('../../report/index.js'); // vega loads only when a report is written
  const written = await writeReport(results, flags.out, { png: flags.png });
  return [
    join(flags.out, RESULTS_FILE),
    written.report,
    ...(written.csv.length ? [`${join(flags.out, RUNS_DIR)}/ (${plural(written.csv.length, 'CSV file')})`] : []),
    ...(written.png.length ? [`${join(flags.out, CHARTS_DIR)}/ (${plural(written.png.length, 'PNG file')})`] : []),
  ];
}

export const compare = defineCommand({
  name: 'compare',
  summary: 'compare noise configurations with a baseline over several seeds; tables and an HTML report',
  description: COMPARE_DESCRIPTION,
  epilog: COMPARE_EXAMPLES,
  computes: true,
  options: COMPARE_OPTIONS,
  async run(values, ctx) {
    const flags = compareFlags(values);
    const source = flags.config ?? 'command line';
    const file = flags.config === undefined ? undefined : await readConfigFile(flags.config);
    const raw = mergeConfig(file, flags) as Record<string, unknown>;
    const datasetGiven = raw.dataset !== undefined;
    const nameGiven = raw.name !== undefined;
    let config: ExperimentConfig;
    try {
      config = parseExperimentConfig(raw, source, { validateNoise: validateSpec });
    } catch (err) {
      throw configError(err);
    }
    // Configurations from the file are named by field in errors; those of the flags (or the default) by spec.
    const fromFlags = flags.configurations !== null || (file as { configurations?: unknown } | undefined)?.configurations === undefined;
    // Own data: its shape is known once it is read; the built-in datasets' before.
    if (config.data === undefined) for (const w of new Set(preflight(config, cliDataShape(), source, fromFlags))) ctx.stderr.write(`${WHERE}: ${w}\n`);
    checkOutputDir(WHERE, '--out', flags.out);
    if (flags.png) await checkPngSupport();
    // One process per output folder; then an earlier result of another comparison is refused before any download or run.
    const lock = await lockFolder(flags.out, 'noisenet compare');
    try {
      const unknown = [...(nameGiven ? [] : ['name']), ...(datasetGiven || config.data !== undefined ? [] : ['dataset'])]; // filled in once the data is loaded
      const earlier = (await resumableRuns(flags.out, config, flags.force, unknown)).length;

      const signal = ctx.catchInterrupt?.();
      let data: ExperimentData;
      let described: string[];
      if (config.data !== undefined) {
        ({ config, data, described } = await ownCompareData(config, source, fromFlags, nameGiven, !flags.quiet, ctx));
        if (signal?.aborted) throw new Interrupted(`${WHERE}: interrupted before the first run; nothing written`);
      } else {
        const dataset = await loadCliDataset(WHERE, { dataset: datasetGiven ? (config.dataset as DatasetName) : undefined, dataDir: config.dataDir, seed: config.dataSeed, progress: !flags.quiet }, ctx);
        if (signal?.aborted) throw new Interrupted(`${WHERE}: interrupted before the first run; nothing written`);
        for (const [field, flag, count, split] of [['trainSize', '--train-size', dataset.train.count, 'training'], ['valSize', undefined, dataset.test.count, 'test']] as const) {
          const size = config[field];
          if (size === undefined || size <= count) continue;
          if (flag !== undefined && flags.overrides[field] !== undefined) throw badValue(WHERE, flag, `an integer from 1 to ${count} (the ${split} samples of ${dataset.name})`, String(size));
          throw new UsageError(`${WHERE}: ${source}: ${field}: must be at most ${count} (the ${split} samples of ${dataset.name}), received ${size}`);
        }
        config = { ...config, dataset: dataset.name, name: nameGiven ? config.name : `noisenet compare on ${dataset.name}` };
        const shape = dataShape(dataset);
        if (JSON.stringify(shape) !== JSON.stringify(cliDataShape())) preflight(config, shape, source, fromFlags);
        data = experimentData(dataset, config);
        described = [describeDataset(dataset, data.train.x.count, config.valSize === undefined ? undefined : data.validation.x.count)];
      }

      const notice = backendNotice();
      if (notice !== null && !flags.quiet) ctx.stderr.write(`${notice}\n`);
      const print = (line: string): void => ctx.stdout.write(`${line}\n`);
      for (const line of described) print(line);
      print(
        `Runs: ${plural(config.configurations.length, 'configuration')} x ${plural(config.seeds.length, 'seed')} (${config.seeds.join(', ')}) x ${plural(config.epochs, 'epoch')}; ` +
          `model ${describeModel(config)}, ${describeOptimizer(config)}, batch ${config.batchSize}`,
      );
      for (const c of config.configurations) print(`  ${describeConfiguration(c, config.model)}`);
      print(`Output: ${flags.out}`);
      const planned = config.configurations.length * config.seeds.length;
    if (earlier > 0) print(`Resuming: ${earlier} of ${planned} runs finished in ${join(flags.out, RESULTS_FILE)} are kept; ${earlier === planned ? 'nothing left to train' : `training the other ${planned - earlier}`}`);

      const bar = flags.quiet ? null : new ExperimentProgressBar({ write: (s) => ctx.stderr.write(s), isTTY: ctx.stderr.isTTY ?? false });
      let results: ExperimentResults | undefined;
      let failed: unknown;
      try {
        results = await runExperiment(config, {
          runFactory: cliRunFactory,
          data,
          outDir: flags.out,
          force: flags.force,
          validateNoise: validateSpec,
          configSource: source,
          warn: (m) => {
            bar?.end();
            ctx.stderr.write(`${WHERE}: ${m}\n`);
          },
          ...(bar ? { onProgress: bar.update } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (err) {
        failed = configError(err);
      }
      if (failed !== undefined) {
        // Keep what finished: the runner has written results.json with status "failed".
        const partial = await readResultsOf(flags.out);
        if (partial && partial.runs.length > 0) await writeReportOf(partial, flags).catch(() => undefined);
        throw failed;
      }
      const done = results!;
      const files = await writeReportOf(done, flags);
      if (done.runs.length > 0) printTables(done, ctx);
      print(`\nWrote ${files.join(', ')}`);
      if (signal?.aborted) {
        const kept = done.runs.length;
        throw new Interrupted(
          kept > 0
            ? `${WHERE}: interrupted; kept the ${kept === 1 ? 'finished run' : `${kept} finished runs`} (of ${done.plannedRuns}) in ${join(flags.out, RESULTS_FILE)} and wrote ${kept === 1 ? 'its' : 'their'} report to ${join(flags.out, REPORT_FILE)}`
            : `${WHERE}: interrupted before the first run finished; ${join(flags.out, RESULTS_FILE)} holds no run`,
        );
      }
    } finally {
      await lock.release();
    }
  },
});

/**
 * The sets of an experiment on the user's own data (`--data PATH` or a config's `data`), checked
 * as `train --data` checks them, and the lines that describe them.
 */
async function ownCompareData(config: ExperimentConfig, source: string, fromFlags: boolean, nameGiven: boolean, verbose: boolean, ctx: CliContext): Promise<{ config: ExperimentConfig; data: ExperimentData; described: string[] }> {
  const own = config.data!;
  const loaded = await loadOwnData(own, config.dataSeed).catch((err: unknown) => {
    if (!(err instanceof ExperimentConfigError)) throw fromFlags ? flagWording(err) : err;
    // A setting the data does not take (a delimiter for images): named as the flag, or as the config field.
    const flag = runFields().find((r) => r.configKey === err.field)?.flag;
    throw new UsageError(fromFlags && flag !== undefined ? `${WHERE}: --${flag} ${err.reason}` : `${WHERE}: ${source}: ${err.field}: ${err.reason}`);
  });
  if (loaded.test === null) throw new UsageError(`${WHERE}: ${own.path} has no test split; give --val-split FRACTION (e.g. 0.2; data.valSplit in a config file) to hold out part of it for validation`);
  let data: ExperimentData;
  try {
    data = { ...ownExperimentData(loaded, ownDataName(own.path), config), dataRecord: await loadedDataRecord(loaded) };
  } catch (err) {
    if (err instanceof ExperimentConfigError) throw new UsageError(`${WHERE}: ${source}: ${err.field}: ${err.reason}`);
    throw err;
  }
  const named = { ...config, name: nameGiven ? config.name : `noisenet compare on ${data.name}` };
  const warnings = preflight(named, { inputShape: data.train.x.shape.slice(1), classes: data.classes.length, ...(data.task ? { task: data.task } : {}), imageShape: data.imageShape }, source, fromFlags);
  for (const w of new Set([...loaded.warnings, ...warnings])) ctx.stderr.write(`${WHERE}: ${w}\n`);
  const described = [describeOwnData(loaded, config.trainSize === undefined ? undefined : `${data.train.x.count} used: --train-size`)];
  if (config.trainSize !== undefined || config.valSize !== undefined) described.push(`Each run trains on ${data.train.x.count} and validates on ${data.validation.x.count} of them (seeded stratified subsets, seed ${config.dataSeed})`);
  const layer = normalizationText(loaded, data.preprocessing !== undefined, 'training set');
  if (verbose) described.push(`Preprocessing: ${[...loaded.preprocessing, ...(layer === undefined ? (loaded.preprocessing.length ? [] : ['none']) : [data.preprocessing ? `${layer} first in every model` : layer])].join('; ')}`);
  return { config: named, data, described };
}

async function readResultsOf(dir: string): Promise<ExperimentResults | null> {
  try {
    return JSON.parse(await readFile(join(dir, RESULTS_FILE), 'utf8')) as ExperimentResults;
  } catch {
    return null;
  }
}
