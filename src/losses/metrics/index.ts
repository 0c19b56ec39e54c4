/** Metrics by name, as `compile({ metrics })` and `--metrics` take them, from their declarations. */
import type { Task } from '../../parts/loss.js';
import type { Metric } from '../../parts/metric.js';
import type { MetricDefinition } from '../../parts/definitions.js';
import { ACCURACY, BINARY_ACCURACY } from './accuracy.js';
import { MAE, MSE, RMSE } from './errors.js';
import { R2_SCORE } from './r2.js';
import { AUC } from './auc.js';
import { InvalidArgumentError, invalid } from '../../errors.js';
import { parseOptions } from '../../schema/parse-options.js';
import type { Schema } from '../../schema/fields.js';

/** Every metric, in the order the reference lists them. */
export const METRIC_DEFINITIONS = [ACCURACY, BINARY_ACCURACY, MAE, MSE, RMSE, R2_SCORE, AUC] as const;

export type MetricName = (typeof METRIC_DEFINITIONS)[number]['factory'];

/** The metric names: `accuracy`, `binaryAccuracy`, `mae`, `mse`, `rmse`, `r2`, `auc`. */
export const METRIC_NAMES = METRIC_DEFINITIONS.map((d) => d.factory) as unknown as readonly MetricName[];

/** The declaration a metric's name, key or alias refers to (`acc` is accuracy); undefined when unknown. */
export function findMetric(spelling: string): MetricDefinition | undefined {
  return (METRIC_DEFINITIONS as readonly MetricDefinition[]).find((d) => d.factory === spelling || d.key === spelling || d.aliases.includes(spelling));
}

/**
 * A metric with options, as `compile` takes it beside names: `{ name: 'binaryAccuracy',
 * threshold: 0.7 }` (Keras' `BinaryAccuracy(threshold=0.7)`). `name` is a metric's name, key
 * or alias; the other keys are its options.
 */
export interface MetricConfig {
  readonly name: string;
  readonly [option: string]: unknown;
}

/** A metric as `compile` takes it: a name (`binaryAccuracy`), a name with options (`binaryAccuracy:threshold=0.7`), or a {@link MetricConfig}. */
export type MetricSpelling = string | MetricConfig;

/** A metric read from its spelling: its declaration, its options (checked, defaults filled in) and its canonical spelling. */
export interface ParsedMetric {
  readonly definition: MetricDefinition;
  readonly options: Record<string, unknown>;
  /** `binaryAccuracy`, or `binaryAccuracy:threshold=0.7` when an option differs from its default. */
  readonly spelling: string;
}

/**
 * Reads a metric's spelling: a name, `name:key=value[,key=value]` (the form of noise specs, as
 * `--metrics` takes it), or `{ name, ...options }`; the options are checked by the metric's
 * declaration.
 * @throws InvalidArgumentError naming the metrics known, or the option and what it takes.
 */
export function parseMetric(spelling: unknown, where = 'compile'): ParsedMetric {
  let name: unknown;
  let given: Record<string, unknown> = {};
  if (typeof spelling === 'string') {
    const colon = spelling.indexOf(':');
    name = (colon < 0 ? spelling : spelling.slice(0, colon)).trim();
    if (colon >= 0) {
      for (const part of spelling.slice(colon + 1).split(',')) {
        const m = /^\s*([A-Za-z]\w*)\s*=\s*(\S+)\s*$/.exec(part);
        if (!m) throw invalid(where, 'metrics', `name:option=value (e.g. binaryAccuracy:threshold=0.7)`, spelling);
        const raw = m[2]!;
        given[m[1]!] = raw === 'true' ? true : raw === 'false' ? false : raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
      }
    }
  } else if (spelling !== null && typeof spelling === 'object' && !Array.isArray(spelling)) {
    const { name: n, ...rest } = spelling as Record<string, unknown>;
    name = n;
    given = rest;
  }
  const definition = typeof name === 'string' ? findMetric(name) : undefined;
  if (!definition) throw invalid(where, 'metrics', `names from ${METRIC_NAMES.join(', ')}`, spelling);
  const schema = definition.options as Schema<Record<string, unknown>>;
  const options = parseOptions(`${where}: metric ${definition.factory}`, schema, given) as Record<string, unknown>;
  const changed = Object.entries(options).filter(([k, v]) => (schema as Record<string, { default?: unknown }>)[k]?.default !== v);
  return { definition, options, spelling: changed.length === 0 ? definition.factory : `${definition.factory}:${changed.map(([k, v]) => `${k}=${String(v)}`).join(',')}` };
}

/**
 * The metrics of a comma-separated list as `--metrics` takes it: `accuracy,binaryAccuracy:threshold=0.7,auc`.
 * A piece `key=value` without a name continues the options of the metric before it.
 */
export function splitMetricList(list: string): string[] {
  const out: string[] = [];
  for (const piece of list.split(',').map((p) => p.trim())) {
    if (out.length > 0 && /^[A-Za-z]\w*\s*=/.test(piece) && out[out.length - 1]!.includes(':')) out[out.length - 1] += `,${piece}`;
    else out.push(piece);
  }
  return out;
}

/** The metric names a task offers, its main one first (accuracy, or the mean absolute error). */
export function taskMetrics(task: Task): MetricName[] {
  if (task === 'regression') return ['mae', 'rmse', 'r2'];
  if (task === 'binary') return ['accuracy', 'auc'];
  return ['accuracy'];
}

/**
 * The metrics `names` stand for (names, with options or not; see {@link parseMetric}) on a
 * model of `task` with `outputs` outputs, checked: a metric
 * that means nothing for the task is refused with the reason (an accuracy of a one-output
 * regression, an auc of ten classes, an error of class indices).
 */
export function createMetrics(names: readonly MetricSpelling[], task: Task, outputs: number, loss: string): Metric[] {
  return names.map((name) => {
    const { definition: d, options } = parseMetric(name);
    // Accuracy of a model trained on one-hot rows with a regression loss (the argmax) is kept, as Keras does.
    const argmaxOfRows = d.factory === 'accuracy' && task === 'regression' && outputs > 1;
    if (!d.tasks.includes(task) && !argmaxOfRows) {
      const what = task === 'regression' ? `a regression (${loss} on ${outputs} output${outputs === 1 ? '' : 's'}): use ${taskMetrics('regression').join(', ')} or mse` : task === 'binary' ? `a binary model (${loss}): use accuracy, binaryAccuracy, auc, mae, mse or rmse` : `a ${outputs}-class model (${loss}): use accuracy`;
      throw new InvalidArgumentError(`compile: metric '${d.factory}' means nothing for ${what}`);
    }
    return (d.create as (o: object, t: Task) => Metric)(options, task);
  });
}

export { rocAuc } from './auc.js';
export { ACCURACY, BINARY_ACCURACY, MAE, MSE, RMSE, R2_SCORE, AUC };
