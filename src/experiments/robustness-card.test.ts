/**
 * The robustness card: clean and Gaussian-noise accuracy from every run, the other measures
 * where the runs recorded them, each with mean ± sd over seeds and a Welch difference from the
 * baseline; the report renders one row per configuration and names what was not measured.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { robustnessCards } from './robustness-card.js';
import { mean, welchInterval } from './stats.js';
import { fakeResults } from '../testing/experiment-fixtures.js';
import { cardSection } from '../report/sections.js';

test('clean accuracy is the final validation accuracy and Gaussian-noise accuracy the mean over the noisy levels', () => {
  const results = fakeResults();
  const cards = robustnessCards(results);
  const runs = (name: string) => results.runs.filter((r) => r.configuration === name);
  const gaussian = (name: string): number[] => runs(name).map((r) => mean(r.robustness.filter((p) => p.stddev > 0).map((p) => p.mean)));
  assert.equal(cards[1]!.entries.gaussian!.value.mean, mean(gaussian('gaussian 0.1')));
  const w = welchInterval(gaussian('gaussian 0.1'), gaussian('baseline'));
  assert.deepEqual(cards[1]!.entries.gaussian!.diff, { estimate: w.estimate, low: w.low, high: w.high, level: 0.95 });
  assert.equal(cards[1]!.entries.gaussian!.setting, 'mean over s = 0.1, 0.2, 0.3, 0.5');
  assert.equal(cards[0]!.entries.clean.diff, null, 'no difference for the baseline itself');
  assert.equal(cards[0]!.isBaseline, true);
});

test('the slots others fill: ECE and adversarial accuracy appear once a run records them, with their settings', () => {
  const results = fakeResults();
  results.runs.forEach((r, i) => {
    r.card = { calibration: { ece: r.configuration === 'baseline' ? 0.08 + 0.001 * i : 0.03 + 0.001 * i, bins: 15 }, adversarial: { accuracy: 0.2 + 0.01 * i, attack: 'fgsm', eps: 0.1 } };
  });
  const cards = robustnessCards(results);
  assert.deepEqual(Object.keys(cards[1]!.entries), ['clean', 'gaussian', 'ece', 'adversarial']);
  assert.equal(cards[1]!.entries.ece!.setting, '15 equal-width bins');
  assert.equal(cards[1]!.entries.adversarial!.setting, 'fgsm eps 0.1');
  assert.ok(cards[1]!.entries.ece!.diff!.high! < 0, 'a lower ECE than the baseline\'s');
  const html = cardSection(cards);
  assert.equal(html.match(/<tr><td>/g)?.length, 3, 'a row per configuration');
  assert.match(html, /<th>ECE<\/th><th>adversarial accuracy<\/th>/);
  assert.match(html, /<td>0\.0\d{3} ± 0\.\d{4}<br><span class="delta">Δ -0\.0\d{3} \[-0\.\d{4}, -0\.\d{4}\]<\/span><\/td>/);
  assert.match(html, /ECE: 15 equal-width bins \(lower is better\); adversarial accuracy: fgsm eps 0\.1\. Not measured in these runs: certified accuracy, mean corruption accuracy\./);
  assert.doesNotMatch(cardSection(robustnessCards(fakeResults())), /<th>ECE<\/th>/, 'no column for a measure no run made');
});
