/**
 * The robustness card: per configuration, one number per way of measuring robustness (clean
 * validation accuracy, accuracy under test-time Gaussian noise, and, where the runs measured
 * them, certified accuracy, mean corruption accuracy, expected calibration error and adversarial
 * accuracy), each with its mean ± sd over seeds and its difference from the baseline with a
 * Welch confidence interval. The metrics are declared once in {@link CARD_METRICS}: a
 * measurement plugs in by filling its field of {@link RunCardValues} in each run record.
 */
import { isRegressionRuns } from './main-metric.js';
import type { ExperimentConfig } from './config.js';
import type { RunRecord } from './results.js';
import type { Difference } from './summary-types.js';
import { type CardEntry, type CardKey, type RobustnessCard } from './card-values.js';
import { mean, sampleSd, welchInterval } from './stats.js';

export { CARD_KEYS, type CardKey, type CardEntry, type RobustnessCard, type RunCardValues } from './card-values.js';

/** One metric of the card: how to read it from a run, which way is better, and how it is stated. */
export interface CardMetric {
  key: CardKey;
  /** Column title, e.g. `mean corruption accuracy`. */
  title: string;
  /** How the verdict introduces it, e.g. `under common corruptions`. */
  topic: string;
  /** Whether a higher or a lower value is the better one (ECE: lower). */
  better: 'higher' | 'lower';
  /** The run's value, undefined when the run did not measure it. */
  value(run: RunRecord, config: ExperimentConfig): number | undefined;
  /** The setting the values were measured at, from a run that measured it: `radius 0.5, sigma 0.25`. */
  setting(run: RunRecord, config: ExperimentConfig): string;
}

function finalValAccuracy(run: RunRecord): number | undefined {
  const v = run.history.val_accuracy;
  return v && v.length > 0 ? v[v.length - 1] : undefined;
}

/** The noisy levels of the robustness grid (s > 0). */
function noisyLevels(config: ExperimentConfig): number[] {
  return config.robustness.stddevs.filter((s) => s > 0);
}

/** Every metric of the card. */
export const CARD_METRICS: readonly CardMetric[] = [
  { key: 'clean', title: 'clean accuracy', topic: 'on clean validation data', better: 'higher', value: (r) => finalValAccuracy(r), setting: () => 'final epoch' },
  {
    key: 'gaussian',
    title: 'Gaussian-noise accuracy',
    topic: 'under Gaussian noise',
    better: 'higher',
    value: (r, c) => {
      const levels = noisyLevels(c);
      const points = levels.map((s) => r.robustness.find((p) => p.stddev === s)?.mean).filter((v): v is number => v !== undefined && Number.isFinite(v));
      return levels.length > 0 && points.length === levels.length ? mean(points) : undefined;
    },
    setting: (_r, c) => `mean over s = ${noisyLevels(c).join(', ')}`,
  },
  { key: 'certified', title: 'certified accuracy', topic: 'in certified accuracy', better: 'higher', value: (r) => r.card?.certified?.accuracy, setting: (r) => `L2 radius ${r.card?.certified?.radius}, sigma ${r.card?.certified?.sigma}${r.card?.certified?.samples ? `, ${r.card.certified.samples} samples x ${r.card.certified.draws} draws` : ''}` },
  { key: 'corruption', title: 'mean corruption accuracy', topic: 'under common corruptions', better: 'higher', value: (r) => r.card?.corruption?.meanAccuracy, setting: (r) => `${r.card?.corruption?.corruptions} corruptions${r.card?.corruption?.severity === 'default' ? " at the benchmark's severities" : ''}${r.card?.corruption?.samples ? `, ${r.card.corruption.samples} samples` : ''}` },
  { key: 'ece', title: 'ECE', topic: 'in expected calibration error', better: 'lower', value: (r) => r.card?.calibration?.ece ?? r.calibration?.ece, setting: (r) => `${r.card?.calibration?.bins ?? r.calibration?.bins.length} equal-width bins` },
  { key: 'adversarial', title: 'adversarial accuracy', topic: 'under adversarial attack', better: 'higher', value: (r) => r.card?.adversarial?.accuracy, setting: (r) => `${r.card?.adversarial?.attack} eps ${r.card?.adversarial?.eps}${r.card?.adversarial?.samples ? `, ${r.card.adversarial.samples} samples` : ''}` },
];

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** One card per configuration, in the config's order, over the finished runs; a metric appears when any run measured it. */
export function robustnessCards(results: { config: ExperimentConfig; runs: readonly (RunRecord)[] }, level = 0.95): RobustnessCard[] {
  const { config, runs } = results;
  // The card measures a classifier (accuracies, calibration); a regression's error under noise is in its robustness table.
  if (isRegressionRuns(runs)) return [];
  const valuesOf = (metric: CardMetric, name: string): number[] =>
    runs.filter((r) => r.configuration === name).map((r) => metric.value(r, config)).filter((v): v is number => v !== undefined && Number.isFinite(v));
  const measured = CARD_METRICS.filter((m) => m.key === 'clean' || runs.some((r) => m.value(r, config) !== undefined));
  return config.configurations.map((c) => {
    const isBaseline = c.name === config.baseline;
    const entries: Partial<Record<CardKey, CardEntry>> = {};
    for (const metric of measured) {
      const values = valuesOf(metric, c.name);
      const base = valuesOf(metric, config.baseline);
      let diff: Difference | null = null;
      if (!isBaseline && values.length > 0 && base.length > 0) {
        const w = welchInterval(values, base, level);
        diff = { estimate: w.estimate, low: finiteOrNull(w.low), high: finiteOrNull(w.high), level };
      }
      const witness = runs.find((r) => metric.value(r, config) !== undefined);
      entries[metric.key] = {
        value: { mean: finiteOrNull(mean(values)), sd: finiteOrNull(sampleSd(values)), n: values.length },
        diff,
        setting: witness ? metric.setting(witness, config) : '',
      };
    }
    return { configuration: c.name, isBaseline, entries: entries as RobustnessCard['entries'] };
  });
}
