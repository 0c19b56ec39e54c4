// Checks noisenet's corruptions against the MNIST-C definitions (Mu & Gilmer 2019): corrupts the
// first N test images of mnist-mini (default 500) with noisenet at every severity of the
// corruptions that scripts/mnist_c_reference.py reproduces (all but motion blur), and hands the
// images to that script, which applies the published definitions and parameters (NumPy and
// scikit-image, as the published code does) and compares: pixel by pixel where the corruption
// draws nothing or only a direction (for those, the direction that matches), by paired per-image
// statistics where it draws noise, positions or patterns. Exits 1 when a corruption differs
// beyond its tolerance.
// Usage (after npm run build): node scripts/mnist-c-check.mjs [--samples N] [--seed S] [--python PATH]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORRUPTIONS, corruptImages, imagesOf } from '../dist/index.js';
import { loadDataset } from '../dist/node.js';
import { sliceRows } from '../dist/train/data-source.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const samples = Number(option('--samples', 500));
const seed = Number(option('--seed', 0));
const python = option('--python', '/usr/bin/python3');
if (!Number.isInteger(samples) || samples < 1 || samples > 2000) throw new Error(`--samples must be an integer from 1 to 2000, received ${option('--samples')}`);

/** The corruptions the reference script reproduces. */
const CHECKED = ['shot_noise', 'impulse_noise', 'glass_blur', 'shear', 'scale', 'rotate', 'brightness', 'translate', 'stripe', 'fog', 'spatter', 'dotted_line', 'zigzag', 'canny_edges'];

const data = await loadDataset('mnist-mini');
const x = sliceRows(imagesOf(data.test), 0, samples);
const [, height, width] = x.shape;
/** A tensor of images as bytes (a tensor of bytes holds them with its scale 1/255). */
const bytes = (t) => Uint8Array.from(t.data, (v) => Math.round(v * (t.scale ?? 1) * 255));
const dir = mkdtempSync(join(tmpdir(), 'noisenet-mnist-c-'));
try {
  writeFileSync(join(dir, 'clean.u8'), bytes(x));
  const manifest = { samples, height, width, seed, corruptions: [] };
  for (const corruption of CORRUPTIONS) {
    const entry = { name: corruption.name, benchmarkSeverity: corruption.benchmarkSeverity, levels: corruption.levelDocs, checked: CHECKED.includes(corruption.name), files: {} };
    manifest.corruptions.push(entry);
    if (!entry.checked) continue;
    for (const severity of corruption.hasSeverity ? [1, 2, 3, 4, 5] : [1]) {
      const file = `${corruption.name}-${severity}.u8`;
      writeFileSync(join(dir, file), bytes(corruptImages(x, corruption, { severity, seed })));
      entry.files[severity] = file;
    }
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const script = join(dirname(fileURLToPath(import.meta.url)), 'mnist_c_reference.py');
  const run = spawnSync(python, [script, dir], { stdio: 'inherit' });
  if (run.error) throw new Error(`${python}: ${run.error.message} (--python names another python3 with numpy, scipy and scikit-image)`);
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
