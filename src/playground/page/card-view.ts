/**
 * The robustness card panel: for each model, what `noisenet compare` records as its card (clean
 * accuracy, accuracy under Gaussian noise, certified accuracy, mean corruption accuracy with
 * each corruption's accuracy, ECE, FGSM accuracy), the noisy model's difference from the
 * baseline, the measures skipped with why, and the verdict in the words `compare` prints.
 */
import type { ExperimentResults } from '../../experiments/results.js';
import { CARD_METRICS } from '../../experiments/robustness-card.js';
import { verdict, verdictParagraph } from '../../experiments/verdict.js';
import { CORRUPTIONS } from '../../corruptions/catalogue.js';
import { byId, el, fixed } from './dom.js';

/** Empties the panel, saying what it waits for. */
export function resetCard(status: string): void {
  byId('card-status').textContent = status;
  for (const id of ['card-verdict', 'card-table', 'card-heat', 'card-skipped']) byId(id).hidden = true;
}

const signed = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`);

/** A cell coloured by an accuracy in [0, 1]: red for 0, yellow at 0.5, green for 1. */
function heatCell(v: number | undefined): HTMLTableCellElement {
  if (v === undefined || !Number.isFinite(v)) return el('td', {}, '–');
  const hue = Math.round(120 * Math.max(0, Math.min(1, v)));
  return el('td', { class: 'cell', style: `background: hsl(${hue} 70% 78%)`, 'data-value': String(v) }, v.toFixed(3));
}

/** Shows the cards of a finished run's results. */
export function showCard(results: ExperimentResults): void {
  const cards = results.cards ?? [];
  const [baseRun, noisyRun] = [results.config.configurations[0]!.name, results.config.configurations[1]!.name].map((name) => results.runs.find((r) => r.configuration === name));
  if (cards.length === 0) {
    const regression = results.dataset.task === 'regression';
    resetCard(regression ? "The card measures classifiers (accuracies, calibration): a regression has none. Its robustness is its RMSE under input noise, in the chart above." : 'No card was measured.');
    return;
  }
  const [base, noisy] = cards;
  byId('card-status').textContent = `Measured on ${baseRun?.card?.adversarial?.samples ?? baseRun?.card?.corruption?.samples ?? results.dataset.validationCount} validation samples (a seeded subset, the same for both models), one seed: the differences have no confidence interval.`;
  const rows = CARD_METRICS.filter((m) => base?.entries[m.key] !== undefined).map((m) => {
    const b = base!.entries[m.key]!;
    const n = noisy?.entries[m.key];
    const title = `${m.title}${b.setting ? ` (${b.setting})` : ''}${m.better === 'lower' ? ', lower is better' : ''}`;
    return el('tr', { 'data-measure': m.key }, el('th', { scope: 'row' }, title), el('td', {}, fixed(b.value.mean ?? undefined)), el('td', {}, fixed(n?.value.mean ?? undefined)), el('td', {}, signed(n?.diff?.estimate)));
  });
  const table = byId<HTMLTableElement>('card-table');
  table.tBodies[0]!.replaceChildren(...rows);
  table.hidden = false;

  const accuracies = [baseRun?.card?.corruption?.accuracies, noisyRun?.card?.corruption?.accuracies];
  const heat = byId<HTMLTableElement>('card-heat');
  if (accuracies.some((a) => a !== undefined)) {
    heat.tBodies[0]!.replaceChildren(
      ...CORRUPTIONS.filter((c) => accuracies.some((a) => a?.[c.name] !== undefined)).map((c) =>
        el('tr', { 'data-corruption': c.name }, el('th', { scope: 'row' }, c.name), el('td', {}, String(c.benchmarkSeverity ?? '–')), heatCell(accuracies[0]?.[c.name]), heatCell(accuracies[1]?.[c.name])),
      ),
    );
    heat.hidden = false;
  } else heat.hidden = true;

  const skipped = [...new Map((baseRun?.card?.skipped ?? []).map((s) => [s.measure, s.reason])).entries()];
  const list = byId('card-skipped');
  list.replaceChildren(...skipped.map(([measure, reason]) => el('li', {}, `Not measured: ${measure}: ${reason}.`)));
  list.hidden = skipped.length === 0;

  const words = byId('card-verdict');
  words.textContent = `Verdict: ${verdictParagraph(verdict(results.summary ?? [], cards))}`;
  words.hidden = false;
}
