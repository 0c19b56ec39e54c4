/**
 * noisenet's corruptions against the MNIST-C definitions: scripts/mnist-c-check.mjs reproduces
 * all but motion blur from the published definitions and parameters (NumPy and scikit-image, as
 * the published code) and compares them with noisenet's, here on a few images.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pythonSkip, pythonWith } from '../testing/python-reference.js';

const MODULES = ['numpy', 'skimage'];
const SCRIPT = fileURLToPath(new URL('../../scripts/mnist-c-check.mjs', import.meta.url));
/** Each reproduced corruption and its checks: a line per severity, three per severity where statistics are compared. */
const CHECKS: Record<string, number> = {
  shot_noise: 15, impulse_noise: 15, glass_blur: 15, shear: 5, scale: 5, rotate: 5, brightness: 5, translate: 5, stripe: 1, fog: 15, spatter: 15, dotted_line: 3, zigzag: 3, canny_edges: 1,
};

test('fourteen corruptions agree with the published MNIST-C definitions: pixels, directions, noise statistics, severities and levels', { skip: pythonSkip(MODULES) }, () => {
  const r = spawnSync(process.execPath, [SCRIPT, '--samples', '30', '--python', pythonWith(MODULES)!], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /^every check agrees$/m);
  const rows = r.stdout.split('\n').map((l) => l.split(/\s{2,}/));
  for (const [name, count] of Object.entries(CHECKS)) {
    const images = rows.filter(([corruption, severity]) => corruption === name && /^[1-5]$/.test(severity ?? ''));
    assert.equal(images.length, count, `${name}: a check per severity (and statistic)`);
    assert.ok(images.every((row) => row.at(-1) === 'ok'), `${name}:\n${images.map((row) => row.join('  ')).join('\n')}`);
  }
});
