/** `noisenet robustness --corruptions`, `noisenet evaluate --calibration` and `noisenet corrupt` on a small model saved by `noisenet train`. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtemp, readFile, readdir, rm, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli.js';
import { decodeImage } from '../data/decode-image.js';
import { loadData } from '../data/node/load-data.js';
import { CORRUPTION_NAMES } from '../corruptions/catalogue.js';
import { previewSize } from '../corruptions/preview-grid.js';
import { encodePng } from '../data/encode-png.js';
import { classFolderNames } from './commands/corrupt.js';

let dir = '';
let model = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-corruptions-'));
  model = join(dir, 'run', 'model');
  const r = await runCli('train', '--dataset', 'mnist-mini', '--train-size', '1000', '--epochs', '2', '--out', join(dir, 'run'), '--quiet');
  assert.equal(r.code, 0, r.err);
});
after(() => rm(dir, { recursive: true }));

test('robustness --corruptions prints the accuracy per corruption, the mean and the error relative to the clean error', async () => {
  const json = join(dir, 'corruptions.json');
  const r = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', '--corruptions', 'shot_noise,stripe,rotate', '--samples', '300', '--json', json);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[0]!, /^Dataset: mnist-mini/);
  assert.equal(lines[1], "Accuracy on the first 300 of the 2000 test samples, clean and corrupted (each corruption at the MNIST-C benchmark's severity, seed 0):");
  assert.match(lines[2]!, /^corruption +severity +accuracy +error \/ clean error$/);
  const rows = lines.slice(3, 8).map((l) => l.trim().split(/\s{2,}/));
  assert.deepEqual(rows.map((c) => [c[0], c[1]]), [['(clean)', '-'], ['shot_noise', '5'], ['stripe', '-'], ['rotate', '2'], ['mean corruption', 'default']]);
  const acc = rows.map((c) => Number(c[2]));
  assert.ok(acc[0]! > 0.7, `clean accuracy ${acc[0]}`);
  assert.ok(acc[2]! < acc[0]!, 'stripe lowers the accuracy');
  assert.ok(Math.abs(acc[4]! - (acc[1]! + acc[2]! + acc[3]!) / 3) < 1e-4);
  assert.match(lines[8]!, /^Mean corruption accuracy \d\.\d{4} over 3 corruptions; mean corruption error \d\.\d{4}, \d+\.\d\d times the clean error \d\.\d{4}\.$/);
  const record = JSON.parse(await readFile(json, 'utf8')) as { format: string; result: { cleanAccuracy: number; corruptions: { corruption: string }[] } };
  assert.equal(record.format, 'noisenet-corruption-robustness');
  assert.equal(record.result.cleanAccuracy.toFixed(4), rows[0]![2]);
  const again = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', '--corruptions', 'shot_noise,stripe,rotate', '--samples', '300');
  assert.equal(again.out, lines.slice(0, 9).join('\n') + '\n', 'the same seed gives the same numbers');
  const severe = await runCli('robustness', '--model', model, '--dataset', 'mnist-mini', '--corruptions', 'rotate', '--severity', '5', '--samples', '300');
  assert.equal(severe.code, 0, severe.err);
  assert.match(severe.out, /\nrotate +5 +\d\.\d{4}/);
});

test('evaluate --calibration prints ECE over 15 bins, NLL (the loss), Brier and the reliability bins', async () => {
  const r = await runCli('evaluate', '--model', model, '--dataset', 'mnist-mini', '--calibration');
  assert.equal(r.code, 0, r.err);
  const loss = /loss: (\d\.\d{4}) - accuracy: (\d\.\d{4})/.exec(r.out);
  const cal = /Calibration \(15 equal-width confidence bins\): ECE (\d\.\d{4}), MCE \d\.\d{4}, NLL (\d\.\d{4}), Brier (\d\.\d{4}), mean confidence \d\.\d{4}, accuracy (\d\.\d{4})\n/.exec(r.out);
  assert.ok(loss && cal, r.out);
  assert.equal(cal[2], loss[1], 'the NLL is the cross-entropy loss');
  assert.equal(cal[4], loss[2]);
  const bins = r.out.split('\n').filter((l) => /^ {2}\(\d\.\d{3}, \d\.\d{3}\]: +\d+ +\d\.\d{4} +\d\.\d{4}$/.test(l));
  assert.ok(bins.length >= 3, r.out);
  assert.equal(bins.reduce((n, l) => n + Number(l.split(/\s+/)[3]), 0), 2000, 'the bins hold every test sample');
  const chart = join(dir, 'reliability.svg');
  const c = await runCli('evaluate', '--model', model, '--dataset', 'mnist-mini', '--calibration', '--chart', chart);
  assert.equal(c.code, 0, c.err);
  assert.match(c.out, /\nSaved .*reliability\.svg\n$/);
  const svg = await readFile(chart, 'utf8');
  assert.match(svg, /^<svg /);
  assert.ok(svg.includes('Reliability diagram') && svg.includes(`ECE ${cal[1]}`), 'titled, with the ECE printed');
  const refused = await runCli('evaluate', '--model', model, '--chart', chart);
  assert.deepEqual([refused.code, refused.err], [2, 'noisenet evaluate: --chart applies only with --calibration\n']);
});

test('corrupt writes IDX copies that --data reads back, and a preview grid of the right size', async () => {
  const out = join(dir, 'mnist-c');
  const r = await runCli('corrupt', '--dataset', 'mnist-mini', '--corruptions', 'fog,rotate', '--samples', '20', '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^mnist-mini: 40 images \(train 20, test 20\), 28 x 28 x 1\nWrote 2 corrupted copies \(the benchmark's severities, seed 0, IDX\) to .* in \d+\.\d s \(\d+ images\/s\)\nPreview: .*preview\.png \(242 x 92: clean, then fog, rotate\)\n$/);
  assert.deepEqual((await readdir(out)).sort(), ['fog', 'preview.png', 'rotate']);
  const fog = await loadData(join(out, 'fog'));
  assert.equal(fog.train.count, 20);
  assert.equal(fog.test!.count, 20);
  assert.deepEqual(fog.sampleShape, [28, 28, 1]);
  const png = decodeImage(await readFile(join(out, 'preview.png')), 'preview.png');
  assert.deepEqual([png.width, png.height, png.channels], [242, 92, 1]);
  assert.deepEqual(previewSize(3, 8, { height: 28, width: 28, channels: 1 }), { width: 242, height: 92 });
  // the same seed writes the same bytes
  const again = join(dir, 'mnist-c-again');
  assert.equal((await runCli('corrupt', '--dataset', 'mnist-mini', '--corruptions', 'fog,rotate', '--samples', '20', '--out', again)).code, 0);
  assert.deepEqual(await readFile(join(again, 'fog', 't10k-images-idx3-ubyte')), await readFile(join(out, 'fog', 't10k-images-idx3-ubyte')));
});

test('corrupt --format png writes class folders of PNG files', async () => {
  const out = join(dir, 'png-c');
  const r = await runCli('corrupt', '--dataset', 'mnist-mini', '--corruptions', 'stripe', '--split', 'test', '--samples', '12', '--format', 'png', '--out', out);
  assert.equal(r.code, 0, r.err);
  const classes = await readdir(join(out, 'stripe', 'test'));
  let files = 0;
  for (const c of classes) {
    for (const f of await readdir(join(out, 'stripe', 'test', c))) {
      const image = decodeImage(await readFile(join(out, 'stripe', 'test', c, f)), f);
      assert.deepEqual([image.width, image.height, image.channels], [28, 28, 1]);
      files++;
    }
  }
  assert.equal(files, 12);
});

test('corrupt --format png names class folders so that --data reads them back: Fashion-MNIST\'s T-shirt/top becomes T-shirt-top', async () => {
  assert.deepEqual(classFolderNames(['T-shirt/top', 'a\\b', '..', 'x', 'x']), ['T-shirt-top', 'a-b', '2', 'x', 'x-4']);
  const out = join(dir, 'fashion-c');
  const r = await runCli('corrupt', '--dataset', 'fashion-mnist', '--corruptions', 'brightness', '--split', 'test', '--samples', '40', '--format', 'png', '--out', out);
  assert.equal(r.code, 0, r.err);
  const folders = await readdir(join(out, 'brightness', 'test'));
  assert.ok(folders.includes('T-shirt-top'), folders.join(', '));
  for (const f of folders) for (const file of await readdir(join(out, 'brightness', 'test', f))) assert.match(file, /^\d+\.png$/, `${f}/${file}: one level of class folders`);
  const back = await loadData(join(out, 'brightness', 'test'));
  assert.equal(back.classes.length, folders.length);
  assert.equal(back.train.count + (back.test?.count ?? 0), 40);
});

test('corrupt reads a folder of colour PNG images by class and writes colour PNG copies of the same size', async () => {
  const source = join(dir, 'colour');
  for (const [k, name] of ['red', 'blue'].entries()) {
    await mkdir(join(source, name), { recursive: true });
    for (let i = 0; i < 3; i++) {
      const pixels = new Uint8Array(20 * 30 * 3).map((_, j) => (j % 3 === (k === 0 ? 0 : 2) ? 200 : 30) + i * 10);
      await writeFile(join(source, name, `${i}.png`), encodePng(pixels, 30, 20, 3));
    }
  }
  const out = join(dir, 'colour-c');
  const r = await runCli('corrupt', '--data', source, '--corruptions', 'fog,canny_edges,brightness', '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /: 6 images \(train 6\), 20 x 30 x 3\n/);
  const files = await readdir(join(out, 'fog', 'train', 'blue'));
  assert.equal(files.length, 3);
  const image = decodeImage(await readFile(join(out, 'fog', 'train', 'blue', files[0]!)), files[0]!);
  assert.deepEqual([image.width, image.height, image.channels], [30, 20, 3]);
  const red = (await readdir(join(out, 'brightness', 'train', 'red'))).sort()[0]!;
  const bright = decodeImage(await readFile(join(out, 'brightness', 'train', 'red', red)), red);
  assert.equal(bright.data[0], 255, 'the red channel at V = 200/255 + 0.5, clipped');
  const preview = decodeImage(await readFile(join(out, 'preview.png')), 'preview.png');
  assert.deepEqual([preview.width, preview.height, preview.channels], [6 * 30 + 7 * 2, 4 * 20 + 5 * 2, 3]);
});

test('bad input: an unknown corruption (the list given), a severity out of range, a folder that is not empty; nothing written', async () => {
  const list = CORRUPTION_NAMES.join(', ');
  const cases: [string[], string][] = [
    [['robustness', '--model', 'm', '--corruptions', 'snow'], `noisenet robustness: --corruptions: unknown corruption 'snow'; the corruptions are ${list}\n`],
    [['robustness', '--model', 'm', '--corruptions', 'fog', '--severity', '6'], 'noisenet robustness: --severity must be an integer from 1 to 5, or default, received "6"\n'],
    [['robustness', '--model', 'm', '--corruptions', 'fog', '--severity', '0'], 'noisenet robustness: --severity must be an integer from 1 to 5, or default, received "0"\n'],
    [['robustness', '--model', 'm', '--severity', '2'], 'noisenet robustness: --severity applies only with --corruptions LIST\n'],
    [['robustness', '--model', 'm', '--corruptions', 'fog', '--stddevs', '0.1'], 'noisenet robustness: --stddevs is for Gaussian noise; it does not apply with --corruptions\n'],
    [['corrupt', '--dataset', 'mnist-mini'], 'noisenet corrupt: --out DIR is required; see noisenet corrupt --help\n'],
    [['corrupt', '--dataset', 'mnist-mini', '--out', join(dir, 'never'), '--corruptions', 'fog,zoom_blur'], `noisenet corrupt: --corruptions: unknown corruption 'zoom_blur'; the corruptions are ${list}\n`],
    [['corrupt', '--dataset', 'mnist-mini', '--out', join(dir, 'never'), '--severity', 'high'], 'noisenet corrupt: --severity must be an integer from 1 to 5, or default, received "high"\n'],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(...args);
    assert.deepEqual([r.code, r.err, r.out], [2, message, ''], args.join(' '));
  }
  assert.equal(existsSync(join(dir, 'never')), false);
  const full = join(dir, 'full');
  await mkdir(full);
  await writeFile(join(full, 'x.txt'), 'x');
  const r = await runCli('corrupt', '--dataset', 'mnist-mini', '--out', full);
  assert.deepEqual([r.code, r.err], [2, `noisenet corrupt: --out ${full} is not empty: give a new or empty folder\n`]);
});
