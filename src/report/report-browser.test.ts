/**
 * The report as a person sees it: headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) opens report.html from disk with no network. Skipped, with the reason, when
 * Chromium is not installed. Leaves a full-page screenshot in test-artifacts/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeReport } from './node/write-report.js';
import { CHARTS } from './charts/index.js';
import { fakeResults } from '../testing/experiment-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Lines drawn per configuration in each chart: panels x splits. */
const LINES_PER_CONFIGURATION: Record<string, number> = { 'learning-curves': 4, 'generalization-gap': 2, 'final-accuracy': 0, robustness: 1 };

test('report.html opens offline in Chromium: no console error, every chart with one legend entry and one series per configuration', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install -y chromium)`, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-browser-'));
  const profile = await mkdtemp(join(tmpdir(), 'noisenet-chromium-profile-'));
  const names = ['baseline', 'gaussian 0.1', 'dropout 0.2'];
  await writeReport(fakeResults(names), dir);
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, offline: true, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' || m.type() === 'warning' ? problems.push(`${m.type()}: ${m.text()}`) : undefined));
    page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
    page.on('request', (r) => void requests.push(r.url()));
    const url = pathToFileURL(join(dir, 'report.html')).href;
    await page.goto(url, { waitUntil: 'load' });
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [url], 'the page loads nothing but itself');
    assert.equal(await page.title(), 'Fake comparison — noisenet report');

    for (const chart of CHARTS) {
      const figure = page.locator(`figure#chart-${chart.id}`);
      assert.equal(await figure.locator('svg').count(), 1, `${chart.id}: one svg`);
      const box = await figure.locator('svg').boundingBox();
      assert.ok(box && box.width > 300 && box.height > 150, `${chart.id}: drawn at a readable size (${JSON.stringify(box)})`);
      const legend = figure.locator(`g.role-legend[aria-label*="titled 'configuration'"]`);
      assert.equal(await legend.count(), 1, `${chart.id}: one configuration legend`);
      assert.deepEqual(await legend.locator('.role-legend-label text').allTextContents(), names, `${chart.id}: legend entries`);
      const lines = await figure.locator('g.mark-line path').count();
      assert.equal(lines, names.length * LINES_PER_CONFIGURATION[chart.id]!, `${chart.id}: mean lines`);
      if (chart.id === 'final-accuracy') {
        assert.equal(await figure.locator('g.mark-symbol.role-mark path').count(), names.length * 3 + names.length, 'a dot per seed and a mean per configuration');
        const axis = await figure.locator('g[aria-label^="X-axis"] g.role-axis-domain line').boundingBox();
        for (const dot of await figure.locator('g.mark-symbol.role-mark path').all()) {
          const b = await dot.boundingBox();
          assert.ok(axis && b && b.x >= axis.x && b.x + b.width <= axis.x + axis.width, `a dot drawn past the end of the axis: ${JSON.stringify({ axis, b })}`);
        }
      }
      for (const axis of await figure.locator('g.role-axis-title text').allTextContents()) assert.ok(axis.trim().length > 0);
    }
    assert.match((await page.locator('section#verdict p.verdict').textContent()) ?? '', /^Validation accuracy: /, 'the page opens with the verdict');
    assert.equal(await page.locator('main > section').first().getAttribute('id'), 'verdict');
    assert.equal(await page.locator('table.card tbody tr').count(), names.length, 'a robustness card row per configuration');
    const summary = page.locator('table.summary tbody tr');
    assert.equal(await summary.count(), names.length);
    assert.match((await summary.nth(1).locator('td').last().textContent()) ?? '', /^[+-]0\.\d{4} \[[+-]0\.\d{4}, [+-]0\.\d{4}\]$/);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});
