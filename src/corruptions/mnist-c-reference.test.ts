/**
 * noisenet's corruptions against the MNIST-C definitions: scripts/mnist-c-check.mjs reproduces
 * nine of them from the published definitions and parameters (NumPy and scikit-image, as the
 * published code) and compares them with noisenet's, here on a few images.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pythonSkip, pythonWith } from '../testing/python-reference.js';

const MODULES = ['numpy', 'skimage'];
const SCRIPT = fileURLToPath(new URL('../../scripts/mnist-c-check.mjs', import.meta.url));
const REPRODUCED = ['shot_noise', 'impulse_noise', 'shear', 'scale', 'rotate', 'brightness', 'translate', 'stripe', 'canny_edges'];

test('nine corruptions agree with the published MNIST-C definitions: pixels, directions, noise statistics, severities and levels', { skip: pythonSkip(MODULES) }, () => {
  const r = spawnSync(process.execPath, [SCRIPT, '--samples', '60', '--python', pythonWith(MODULES)!], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /^every check agrees$/m);
  const rows = r.stdout.split('\n').map((l) => l.split(/\s{2,}/));
  for (const name of REPRODUCED) {
    const images = rows.filter(([corruption, severity]) => corruption === name && /^[1-5]$/.test(severity ?? ''));
    assert.equal(images.length, name === 'stripe' || name === 'canny_edges' ? 1 : name.endsWith('_noise') ? 15 : 5, `${name}: a check per severity (and statistic)`);
    assert.ok(images.every((row) => row.at(-1) === 'ok'), `${name}:\n${images.map((row) => row.join('  ')).join('\n')}`);
  }
});
