/**
 * The report fits a 1280-pixel window: headless Chromium lays out a report with long
 * configuration names, and neither the page nor the summary table is wider than the page's
 * column; each chart spans at least 85% of it. Skipped, with the reason, when Chromium is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReport } from './node/write-report.js';
import { fakeResults } from '../testing/experiment-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

test('the summary table and the charts of a report with long configuration names fit a 1280-px page, the charts using its width', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium)`, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-width-'));
  const profile = await mkdtemp(join(tmpdir(), 'noisenet-chromium-profile-'));
  const names = ['baseline', 'gaussian 0.1 + dropout:rate=0.5@hidden + weight:stddev=0.01', 'salt-pepper 0.1 + masking:rate=0.2 + uniform:amplitude=0.05', 'dropout 0.2'];
  await writeReport(fakeResults(names), dir);
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, offline: true, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    // A string, evaluated in the page (this file is compiled without the DOM's types).
    const sizes = (await page.evaluate(`(() => {
      const main = document.querySelector('main');
      const style = getComputedStyle(main);
      const column = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const widest = Math.max(...[...document.querySelectorAll('main table')].map((t) => t.getBoundingClientRect().width));
      const charts = [...document.querySelectorAll('figure.chart svg')].map((s) => s.getBoundingClientRect().width);
      return { page: document.documentElement.scrollWidth, column, summary: document.querySelector('table.summary').getBoundingClientRect().width, widest, charts };
    })()`)) as { page: number; column: number; summary: number; widest: number; charts: number[] };
    assert.ok(sizes.page <= 1280, `the page scrolls sideways: ${JSON.stringify(sizes)}`);
    assert.ok(sizes.summary <= sizes.column + 0.5, `the summary table overflows its column: ${JSON.stringify(sizes)}`);
    assert.ok(sizes.widest <= sizes.column + 0.5, `a table overflows its column: ${JSON.stringify(sizes)}`);
    assert.equal(sizes.charts.length, 4);
    for (const w of sizes.charts) assert.ok(w >= 0.85 * sizes.column && w <= sizes.column + 0.5, `a chart does not use the column's width: ${JSON.stringify(sizes)}`);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
});
