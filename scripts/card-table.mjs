// Prints the robustness card of a compare's results.json as a Markdown table, each measure as
// mean ± sd over seeds and its difference from the baseline with its 95% Welch interval, then
// the training and card time per configuration (trainMs and cardMs of its runs).
// Usage: node scripts/card-table.mjs DIR/results.json
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) throw new Error('usage: node scripts/card-table.mjs DIR/results.json');
const results = JSON.parse(readFileSync(file, 'utf8'));
const COLUMNS = [
  ['clean', 'clean'],
  ['corruption', 'mean corruption'],
  ['ece', 'ECE (lower is better)'],
  ['adversarial', 'FGSM'],
  ['certified', 'certified (r 0.25)'],
  ['gaussian', 'Gaussian noise'],
];
const signed = (v) => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(3);
const cell = (entry) => {
  if (!entry) return 'not measured';
  const { value, diff } = entry;
  let text = value.mean.toFixed(3) + (value.sd === null ? '' : ` ± ${value.sd.toFixed(3)}`);
  if (diff) {
    text += `<br>${signed(diff.estimate)}`;
    if (diff.low !== null) text += ` [${signed(diff.low)}, ${signed(diff.high)}]`;
  }
  return text;
};
console.log(`| configuration | ${COLUMNS.map(([, title]) => title).join(' | ')} |`);
console.log(`| --- | ${COLUMNS.map(() => '---').join(' | ')} |`);
for (const card of results.cards) {
  console.log(`| ${card.configuration} | ${COLUMNS.map(([key]) => cell(card.entries[key])).join(' | ')} |`);
}
console.log('');
const settings = results.cards[0].entries;
for (const [key, title] of COLUMNS) if (settings[key]) console.log(`- ${title}: ${settings[key].setting}`);
console.log('');
console.log('| configuration | training (s, mean per run) | card (s, mean per run) | card / training |');
console.log('| --- | --- | --- | --- |');
let train = 0;
let cardTime = 0;
for (const card of results.cards) {
  const runs = results.runs.filter((r) => r.configuration === card.configuration);
  const t = runs.reduce((s, r) => s + r.trainMs, 0) / 1000;
  const c = runs.reduce((s, r) => s + (r.cardMs ?? 0), 0) / 1000;
  train += t;
  cardTime += c;
  console.log(`| ${card.configuration} | ${(t / runs.length).toFixed(1)} | ${(c / runs.length).toFixed(1)} | ${(c / t).toFixed(2)} |`);
}
console.log(`| all ${results.runs.length} runs (sums) | ${train.toFixed(1)} | ${cardTime.toFixed(1)} | ${(cardTime / train).toFixed(2)} |`);
