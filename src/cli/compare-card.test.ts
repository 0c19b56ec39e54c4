/**
 * The robustness card in `noisenet compare` and `noisenet sweep`: every run records its card,
 * the report shows the per-corruption heat map and the verdict speaks of the card, and the card
 * flags refuse bad values before any training.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import type { ExperimentResults } from '../experiments/results.js';
import type { SweepResults } from '../sweep/sweep-results.js';
import { CORRUPTION_NAMES } from '../corruptions/catalogue.js';

const SMALL = ['--dataset', 'mnist-mini', '--train-size', '200', '--val-size', '120', '--epochs', '1', '--hidden', '16', '--lr', '0.01', '--stddevs', '0,0.2', '--draws', '1', '--card-samples', '40', '--quiet'];

const read = async <T>(dir: string): Promise<T> => JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as T;

test('a small compare records the card of every run and configuration; its report shows the heat map and the verdict speaks of the card', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-card-'));
  try {
    const out = join(dir, 'out');
    const r = await runCli('compare', ...SMALL, '--seeds', '2', '--noise', 'gaussian:stddev=0.3', '--out', out);
    assert.equal(r.code, 0, r.err);
    const results = await read<ExperimentResults>(out);
    assert.equal(results.config.robustness.cardSamples, 40);
    assert.equal(results.runs.length, 4);
    for (const run of results.runs) {
      const card = run.card!;
      assert.deepEqual(Object.keys(card.corruption!.accuracies!), [...CORRUPTION_NAMES]);
      assert.equal(card.corruption!.samples, 40);
      assert.equal(card.adversarial!.eps, 0.1);
      assert.equal(card.adversarial!.attack, 'fgsm');
      assert.equal(card.certified!.samples, 40);
      assert.ok(typeof run.cardMs === 'number' && run.cardMs >= 0 && run.cardMs <= run.robustnessMs);
    }
    for (const c of results.cards!) for (const key of ['corruption', 'adversarial', 'certified', 'ece'] as const) assert.equal(c.entries[key]!.value.n, 2, `${c.configuration} ${key}`);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    const card = html.slice(html.indexOf('<section id="card">'), html.indexOf('</section>', html.indexOf('<section id="card">')));
    assert.match(card, /<figure id="chart-corruption-heatmap"/);
    assert.match(card, /<svg/);
    for (const name of ['shot_noise', 'canny_edges']) assert.ok(card.includes(name), name);
    assert.doesNotMatch(html.slice(html.indexOf('<section id="charts">'), html.indexOf('<section id="card">')), /corruption-heatmap/);
    const verdict = html.slice(html.indexOf('<section id="verdict">'), html.indexOf('</section>', html.indexOf('<section id="verdict">')));
    assert.match(verdict, /Under common corruptions \(15 corruptions at the benchmark&#39;s severities, 40 samples\): /);
    assert.match(verdict, /Under adversarial attack \(fgsm eps 0\.1, 40 samples\): /);

    // Rerun from its results.json with only the corruptions: the setting travels with the config.
    const again = join(dir, 'again');
    const b = await runCli('compare', '--config', join(out, 'results.json'), '--seeds', '1', '--card', 'corruption', '--out', again, '--quiet');
    assert.equal(b.code, 0, b.err);
    const rerun = await read<ExperimentResults>(again);
    assert.deepEqual(rerun.config.robustness.card, ['corruption']);
    for (const run of rerun.runs) assert.deepEqual(Object.keys(run.card!), ['corruption']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('--card none records no card and draws no heat map', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-card-'));
  try {
    const r = await runCli('compare', ...SMALL, '--seeds', '1', '--card', 'none', '--out', dir);
    assert.equal(r.code, 0, r.err);
    const results = await read<ExperimentResults>(dir);
    for (const run of results.runs) assert.equal(run.card, undefined);
    assert.doesNotMatch(await readFile(join(dir, 'report.html'), 'utf8'), /corruption-heatmap/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('bad card settings are refused before any training, naming the flag or field and what it takes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-card-'));
  try {
    const cases: [string[], RegExp][] = [
      [['--card', 'gaussian'], /--card must be all, none, or a comma-separated list of corruption, adversarial, certified, received "gaussian"/],
      [['--card', 'corruption,corruption'], /--card must be all, none/],
      [['--card', ''], /--card must be all, none/],
      [['--card-samples', '0'], /--card-samples must be/],
      [['--card-samples', '2.5'], /--card-samples must be/],
      [['--card-eps', '0'], /--card-eps must be/],
      [['--card-eps', '1.5'], /--card-eps must be/],
    ];
    for (const [flags, message] of cases) {
      const out = join(dir, 'out');
      const r = await runCli('compare', ...SMALL, ...flags, '--out', out);
      assert.equal(r.code, 2, `${flags.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      await assert.rejects(access(out));
    }
    const file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify({ dataset: 'mnist-mini', robustness: { card: ['certified', 'fog'] } }));
    const r = await runCli('compare', '--config', file, '--out', join(dir, 'out'));
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /robustness\.card: must be all, none, or a comma-separated list of corruption, adversarial, certified, received \["certified","fog"\]/);
    await writeFile(file, JSON.stringify({ dataset: 'mnist-mini', robustness: { cardEps: -1 } }));
    const s = await runCli('sweep', '--config', file, '--noise', 'gaussian:stddev={0.1}', '--out', join(dir, 'out'));
    assert.equal(s.code, 2, s.err);
    assert.match(s.err, /robustness\.cardEps/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('sweep records carry the card of every run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-card-sweep-'));
  try {
    const r = await runCli('sweep', ...SMALL, '--seeds', '1', '--noise', 'gaussian:stddev={0.1,0.3}', '--card', 'adversarial,certified', '--out', dir);
    assert.equal(r.code, 0, r.err);
    const results = await read<SweepResults>(dir);
    assert.deepEqual(results.config.robustness.card, ['adversarial', 'certified']);
    assert.equal(results.runs.length, 3);
    for (const run of results.runs) {
      assert.deepEqual(Object.keys(run.card!), ['adversarial', 'certified'], run.id);
      assert.equal(run.card!.adversarial!.samples, 40);
    }
    assert.doesNotMatch(await readFile(join(dir, 'report.html'), 'utf8'), /corruption-heatmap/, 'no corruptions measured, no heat map');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a sweep's report shows the card's heat map like compare's: every configuration of the plan a row, every corruption a column, and its PNG", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-card-sweep-'));
  try {
    const r = await runCli('sweep', ...SMALL, '--seeds', '1', '--noise', 'gaussian:stddev={0.1,0.3}', '--noise', 'dropout:rate={0.2}', '--card', 'corruption', '--png', '--out', dir);
    assert.equal(r.code, 0, r.err);
    const results = await read<SweepResults>(dir);
    const names = results.groups.map((g) => g.configuration);
    assert.equal(names.length, 4);
    for (const run of results.runs) assert.deepEqual(Object.keys(run.card!.corruption!.accuracies!), [...CORRUPTION_NAMES], run.id);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    const start = html.indexOf('<section id="card">');
    const card = html.slice(start, html.indexOf('</section>', start));
    const figure = /<figure id="chart-corruption-heatmap"[\s\S]*?<\/figure>/.exec(card)?.[0];
    assert.ok(figure, 'the card section holds the heat map');
    for (const name of [...names, ...CORRUPTION_NAMES]) assert.ok(figure.includes(`>${name}<`), `heat map label ${name}`);
    assert.doesNotMatch(html.slice(html.indexOf('<section id="charts">'), start), /corruption-heatmap/);
    const png = await readFile(join(dir, 'charts', 'corruption-heatmap.png'));
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
    assert.ok(r.out.includes(join(dir, 'charts', 'corruption-heatmap.png')), 'the written files name the heat map');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
