import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from './node/write-report.js';
import { CHARTS } from './charts/index.js';
import { fakeResults } from '../testing/experiment-fixtures.js';

/** The text of every legend label in one chart's SVG. */
function legendLabels(svg: string): string[] {
  const labels: string[] = [];
  const re = /<g class="mark-text role-legend-label"[^>]*>([\s\S]*?)<\/g>/g;
  for (let m = re.exec(svg); m; m = re.exec(svg)) for (const t of m[1]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) labels.push(t[1]!);
  return labels;
}

/** The inline SVG of each figure, by chart id. */
function figures(html: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of html.matchAll(/<figure id="chart-([^"]+)"[^>]*>([\s\S]*?)<\/figure>/g)) map.set(m[1]!, m[2]!);
  return map;
}

test('writeReport writes a self-contained report.html with one inline SVG per chart, a CSV per run and PNGs', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-report-'));
  const results = fakeResults();
  const written = await writeReport(results, dir, { png: true });
  assert.deepEqual(written.warnings, []);
  const html = await readFile(join(dir, 'report.html'), 'utf8');
  assert.equal(html.match(/<svg\b/g)?.length, CHARTS.length);
  const figs = figures(html);
  assert.deepEqual([...figs.keys()], CHARTS.map((c) => c.id));
  for (const [id, svg] of figs) {
    assert.equal(svg.match(/<svg\b/g)?.length, 1, id);
    const labels = legendLabels(svg);
    for (const name of ['baseline', 'gaussian 0.1', 'dropout 0.2']) assert.ok(labels.includes(name), `${id}: legend ${labels}`);
  }
  // Offline: no script, no external resource, a CSP that forbids loads.
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|\bsrc=|@import|url\((?!#)/i);
  assert.deepEqual(html.match(/https?:\/\/[^\s"')<]+/g)?.filter((u) => !u.startsWith('http://www.w3.org/')) ?? [], []);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  // Tables and settings.
  assert.match(html, /<h1>Fake comparison<\/h1>/);
  assert.match(html, /<td>gaussian 0\.1<\/td><td>3<\/td><td>0\.\d{4} ± 0\.\d{4}<\/td>/);
  assert.match(html, /Δ val acc vs baseline \[95% CI\]/);
  assert.match(html, /<td>seeds<\/td><td>1, 2, 3<\/td>/);
  assert.match(html, /<a href="runs\/gaussian_0\.1-seed2\.csv">/);
  assert.equal(written.csv.length, 9);
  assert.deepEqual((await readdir(join(dir, 'runs'))).sort(), results.runs.map((r) => `${r.configuration.replace(' ', '_')}-seed${r.seed}.csv`).sort());
  assert.deepEqual((await readdir(join(dir, 'charts'))).sort(), CHARTS.map((c) => `${c.id}.png`).sort());
  const png = await readFile(join(dir, 'charts', 'robustness.png'));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.readUInt32BE(16) > 600, 'PNG at twice the chart width');
});

test('an interrupted experiment gets a banner; a report of no runs still renders', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-report-'));
  const results = { ...fakeResults(), status: 'interrupted' as const, plannedRuns: 12 };
  await writeReport(results, dir);
  const html = await readFile(join(dir, 'report.html'), 'utf8');
  assert.match(html, /Status: <strong>interrupted<\/strong> — 9 of 12 runs finished/);
  assert.ok(!(await readdir(dir)).includes('charts'), 'no PNG without png: true');
  const empty = { ...fakeResults(), runs: [], status: 'interrupted' as const };
  await writeReport(empty, dir);
  assert.equal((await readFile(join(dir, 'report.html'), 'utf8')).match(/<svg\b/g)?.length, CHARTS.length);
});

test('names are escaped in the page', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-report-'));
  const results = fakeResults(['base<line>', 'a&b'], [1, 2], 2);
  await writeReport(results, dir);
  const html = await readFile(join(dir, 'report.html'), 'utf8');
  assert.ok(!html.includes('<line>'));
  assert.match(html, /base&lt;line&gt;/);
});
