/**
 * The verdict: what a comparison found, in a few sentences generated from its summary numbers
 * alone. A difference is called a gain or a loss only when its confidence interval lies wholly
 * on one side of 0; one whose interval contains 0 is said not to differ, and with a single seed
 * (no interval) nothing is called either.
 */
import type { Difference, MeanSd, SummaryRow } from './summary-types.js';
import { CARD_METRICS, type CardEntry, type RobustnessCard } from './robustness-card.js';
import { welchIntervalFromMoments } from './stats.js';

/** Where a difference's interval lies: wholly above 0, wholly below, across 0, or unknown (no interval). */
export type DifferenceSide = 'above' | 'below' | 'within' | 'unknown';

/** Where `d`'s interval lies relative to 0. */
export function differenceSide(d: Difference | null): DifferenceSide {
  if (d === null || d.low === null || d.high === null) return 'unknown';
  if (d.low > 0) return 'above';
  if (d.high < 0) return 'below';
  return 'within';
}

/** One sentence of the verdict: its topic and what it says. */
export interface VerdictLine {
  /** `validation accuracy`, `generalization gap`, or a card metric's topic. */
  topic: string;
  text: string;
}

const signed = (x: number, digits: number): string => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(digits)}`;

/** `+0.0123 [+0.0040, +0.0206]`, or the estimate alone without an interval. */
function withInterval(d: Difference, digits = 4): string {
  return d.low === null || d.high === null ? signed(d.estimate, digits) : `${signed(d.estimate, digits)} [${signed(d.low, digits)}, ${signed(d.high, digits)}]`;
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const percent = (level: number): string => `${Math.round(level * 100)}%`;

/** Each row with the baseline it is compared with: the nearest baseline row before it (a sweep's cells each start with their own). */
function pairs(rows: readonly SummaryRow[]): { row: SummaryRow; baseline: SummaryRow }[] {
  const out: { row: SummaryRow; baseline: SummaryRow }[] = [];
  let baseline: SummaryRow | undefined = rows.find((r) => r.isBaseline);
  for (const row of rows) {
    if (row.isBaseline) baseline = row;
    else if (baseline) out.push({ row, baseline });
  }
  return out;
}

/** Validation accuracy: which configurations differ from the baseline beyond the interval, and which way. */
function accuracyLine(compared: readonly { row: SummaryRow; baseline: SummaryRow }[]): VerdictLine | null {
  const metric = compared.find((p) => p.row.metric !== undefined)?.row.metric;
  // A regression is compared by its main error (or r2), not by an accuracy it has not.
  const topic = metric === undefined ? 'validation accuracy' : `validation ${metric} (${metric === 'r2' ? 'higher' : 'lower'} is better)`;
  const diffs = compared
    .map((p) => ({ name: p.row.configuration, d: metric === undefined ? p.row.diffValAccuracy : (p.row.diffValMetric ?? null) }))
    .filter((x): x is { name: string; d: Difference } => x.d !== null);
  if (diffs.length === 0) return null;
  const level = percent(diffs[0]!.d.level);
  if (diffs.every((x) => differenceSide(x.d) === 'unknown')) {
    return { topic, text: `with one seed on a side there is no confidence interval, so no difference from the baseline is called a gain or a loss (${list(diffs.map((x) => `${x.name} ${signed(x.d.estimate, 4)}`))})` };
  }
  const above = diffs.filter((x) => differenceSide(x.d) === 'above');
  const below = diffs.filter((x) => differenceSide(x.d) === 'below');
  const rest = diffs.length - above.length - below.length;
  if (above.length === 0 && below.length === 0) {
    if (diffs.length === 1) return { topic, text: `${diffs[0]!.name} does not differ from the baseline beyond its ${level} interval: ${withInterval(diffs[0]!.d)}` };
    const largest = diffs.reduce((a, b) => (Math.abs(b.d.estimate) > Math.abs(a.d.estimate) ? b : a));
    return { topic, text: `no configuration differs from the baseline beyond its ${level} interval (the largest difference, ${largest.name}: ${withInterval(largest.d)})` };
  }
  const parts: string[] = [];
  const named = (xs: typeof diffs): string => list(xs.map((x) => `${x.name} (${withInterval(x.d)})`));
  if (above.length > 0) parts.push(`${named(above)} ${above.length === 1 ? 'is' : 'are'} above the baseline beyond ${above.length === 1 ? 'its' : 'their'} ${level} interval${above.length === 1 ? '' : 's'}`);
  if (below.length > 0) parts.push(`${named(below)} ${below.length === 1 ? 'is' : 'are'} below ${above.length > 0 ? 'it' : 'the baseline'} beyond ${below.length === 1 ? 'its' : 'their'} ${level} interval${below.length === 1 ? '' : 's'}`);
  if (rest > 0) parts.push(`${rest === 1 ? 'the other configuration does' : `the other ${rest} do`} not differ beyond ${rest === 1 ? 'its interval' : 'their intervals'}`);
  return { topic, text: parts.join('; ') };
}

function gapDifference(row: MeanSd, baseline: MeanSd, level: number): Difference | null {
  if (row.mean === null || baseline.mean === null) return null;
  const w = welchIntervalFromMoments({ mean: row.mean, sd: row.sd ?? Number.NaN, n: row.n }, { mean: baseline.mean, sd: baseline.sd ?? Number.NaN, n: baseline.n }, level);
  return { estimate: w.estimate, low: Number.isFinite(w.low) ? w.low : null, high: Number.isFinite(w.high) ? w.high : null, level };
}

/** The generalization gap (train − validation accuracy): the configuration that narrowed it most beyond the interval, or that none did. */
function gapLine(compared: readonly { row: SummaryRow; baseline: SummaryRow }[], level: number): VerdictLine | null {
  const topic = 'generalization gap';
  const diffs = compared
    .map((p) => ({ row: p.row.gapMetric ?? p.row.gapAccuracy, baseline: p.baseline.gapMetric ?? p.baseline.gapAccuracy, name: p.row.configuration }))
    .map((p) => ({ name: p.name, from: p.baseline.mean, to: p.row.mean, d: gapDifference(p.row, p.baseline, level) }))
    .filter((x) => x.d !== null && differenceSide(x.d) !== 'unknown');
  if (diffs.length === 0) return null;
  const narrowed = diffs.filter((x) => differenceSide(x.d) === 'below').sort((a, b) => a.d!.estimate - b.d!.estimate);
  const widened = diffs.filter((x) => differenceSide(x.d) === 'above').sort((a, b) => b.d!.estimate - a.d!.estimate);
  const parts: string[] = [];
  const fromTo = (x: (typeof diffs)[number]): string => `from ${x.from!.toFixed(3)} to ${x.to!.toFixed(3)} (${withInterval(x.d!)})`;
  if (narrowed.length > 0) {
    const most = narrowed[0]!;
    parts.push(`${most.name} narrowed it ${narrowed.length > 1 ? 'most, ' : ''}${fromTo(most)}${narrowed.length > 1 ? `; ${narrowed.length} configurations narrowed it beyond their ${percent(level)} intervals` : ''}`);
  }
  if (widened.length > 0) parts.push(`${widened[0]!.name} widened it ${widened.length > 1 ? 'most, ' : ''}${fromTo(widened[0]!)}`);
  if (parts.length === 0) parts.push(`no configuration changed it beyond its ${percent(level)} interval`);
  return { topic, text: parts.join('; ') };
}

/** One card metric: the configuration that gained most beyond the interval, or that none did. */
function cardLine(metric: (typeof CARD_METRICS)[number], compared: readonly { name: string; entry: CardEntry }[]): VerdictLine | null {
  const diffs = compared.filter((x) => x.entry.diff !== null && differenceSide(x.entry.diff) !== 'unknown');
  if (diffs.length === 0) return null;
  const level = percent(diffs[0]!.entry.diff!.level);
  const good = metric.better === 'higher' ? 'above' : 'below';
  const sign = metric.better === 'higher' ? 1 : -1;
  const gains = diffs.filter((x) => differenceSide(x.entry.diff) === good).sort((a, b) => sign * (b.entry.diff!.estimate - a.entry.diff!.estimate));
  const losses = diffs.filter((x) => differenceSide(x.entry.diff) !== good && differenceSide(x.entry.diff) !== 'within').sort((a, b) => sign * (a.entry.diff!.estimate - b.entry.diff!.estimate));
  const setting = diffs[0]!.entry.setting ? ` (${diffs[0]!.entry.setting})` : '';
  const topic = `${metric.topic}${setting}`;
  // A metric where lower is better (ECE) is said to be lowered or raised, never "gained" with a minus sign.
  const [gained, lost] = metric.better === 'higher' ? ['gained', 'lost'] : ['lowered it', 'raised it'];
  const parts: string[] = [];
  if (gains.length > 0) parts.push(`${gains[0]!.name} ${gained} most: ${withInterval(gains[0]!.entry.diff!)}${gains.length > 1 ? `; ${gains.length} configurations ${gained} beyond their ${level} intervals` : ''}`);
  else parts.push(`no configuration ${gained} beyond its ${level} interval`);
  if (losses.length > 0) parts.push(`${losses[0]!.name} ${lost} most: ${withInterval(losses[0]!.entry.diff!)}`);
  return { topic, text: parts.join('; ') };
}

/**
 * The verdict of a comparison or sweep from its summary rows (and, when given, its robustness
 * cards): validation accuracy against the baseline, the generalization gap, then each
 * robustness measure beyond clean accuracy. Rows are in summary order: a baseline row before
 * the rows compared with it (a sweep's cells each start with their own baseline).
 */
export function verdict(rows: readonly SummaryRow[], cards: readonly RobustnessCard[] = []): VerdictLine[] {
  const compared = pairs(rows);
  if (compared.length === 0) return [];
  const level = compared.find((p) => p.row.diffValAccuracy ?? p.row.diffValMetric)?.row.diffValAccuracy?.level ?? compared.find((p) => p.row.diffValMetric)?.row.diffValMetric?.level ?? 0.95;
  const lines = [accuracyLine(compared), gapLine(compared, level)];
  const others = cards.filter((c) => !c.isBaseline);
  for (const metric of CARD_METRICS) {
    if (metric.key === 'clean') continue;
    const entries = others.flatMap((c) => {
      const entry = c.entries[metric.key];
      return entry ? [{ name: c.configuration, entry }] : [];
    });
    lines.push(cardLine(metric, entries));
  }
  return lines.filter((l): l is VerdictLine => l !== null);
}

/** The verdict as one paragraph: `Validation accuracy: ... Generalization gap: ...`. */
export function verdictParagraph(lines: readonly VerdictLine[]): string {
  if (lines.length === 0) return 'No configuration has finished runs to hold against the baseline yet.';
  return lines.map((l) => `${l.topic[0]!.toUpperCase()}${l.topic.slice(1)}: ${l.text}.`).join(' ');
}
