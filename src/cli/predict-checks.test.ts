/**
 * `noisenet predict` as a user runs it: a regression model given its own training rows, the
 * --out file checked before any work (its folder must exist; an existing file needs --force),
 * and one warning per kind of change made to the images.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/run-cli.js';
import { colourPng, grayPng } from '../testing/png.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-predict-checks-'));
});
after(() => rm(dir, { recursive: true, force: true }));

test('predict reads whole rows of a regression model\'s own training file, the target column ignored, as the feature columns alone', async () => {
  const rows = Array.from({ length: 40 }, (_, i) => ({ a: (i * 7) % 13, b: ((i * 5) % 11) / 2, price: ((i * 37) % 41) * 1.25 + 0.1 * i }));
  const csv = join(dir, 'prices.csv');
  writeFileSync(csv, ['a,b,price', ...rows.map((r) => `${r.a},${r.b},${r.price}`)].join('\n'));
  const out = join(dir, 'prices');
  const trained = await runCli('train', '--data', csv, '--val-split', '0.2', '--epochs', '2', '--out', out, '-q');
  assert.equal(trained.code, 0, trained.err);
  const whole = await runCli('predict', '--model', join(out, 'model'), '--input', csv);
  assert.equal(whole.code, 0, whole.err);
  const lines = whole.out.trim().split('\n');
  assert.equal(lines.length, 40);
  for (const line of lines) assert.match(line, /^row \d+\t-?\d/);
  const features = join(dir, 'prices-features.csv');
  writeFileSync(features, ['a,b', ...rows.map((r) => `${r.a},${r.b}`)].join('\n'));
  const alone = await runCli('predict', '--model', join(out, 'model'), '--input', features);
  assert.equal(alone.code, 0, alone.err);
  assert.equal(whole.out, alone.out);
});

test('predict --out checks the file before any work: a missing folder is named in one line, an existing file is kept unless --force', async () => {
  const missing = join(dir, 'no-such-folder', 'p.json');
  // The model does not exist either: the output is checked first.
  const r = await runCli('predict', '--model', join(dir, 'no-model'), '--input', join(dir, 'no-input.csv'), '--out', missing);
  assert.equal(r.code, 1);
  assert.equal(r.err, `noisenet predict: --out ${missing}: the folder ${join(dir, 'no-such-folder')} does not exist\n`);

  const csv = join(dir, 'sides.csv');
  writeFileSync(csv, ['x,y,side', ...Array.from({ length: 30 }, (_, i) => `${i % 10},${(i * 3) % 7},${i % 10 < 5 ? 'left' : 'right'}`)].join('\n'));
  const out = join(dir, 'sides');
  assert.equal((await runCli('train', '--data', csv, '--val-split', '0.2', '--epochs', '1', '--out', out, '-q')).code, 0);
  const existing = join(dir, 'p.json');
  writeFileSync(existing, 'mine');
  const kept = await runCli('predict', '--model', join(out, 'model'), '--input', csv, '--out', existing);
  assert.equal(kept.code, 1);
  assert.match(kept.err, /--out .*p\.json already exists: pass --force to overwrite it/);
  assert.equal(readFileSync(existing, 'utf8'), 'mine');
  const forced = await runCli('predict', '--model', join(out, 'model'), '--input', csv, '--out', existing, '--force');
  assert.equal(forced.code, 0, forced.err);
  assert.equal((JSON.parse(readFileSync(existing, 'utf8')) as unknown[]).length, 30);
  const alone = await runCli('predict', '--model', join(out, 'model'), '--input', csv, '--force');
  assert.equal(alone.code, 2);
  assert.match(alone.err, /--force applies only with --out FILE/);
});

test('predict warns once per kind of change to the images (converted, resized, alpha dropped, files skipped) with a count and the first file; stdout keeps one line per image', async () => {
  const folder = join(dir, 'shades');
  for (const [c, cls] of ['dark', 'light'].entries()) {
    mkdirSync(join(folder, cls), { recursive: true });
    for (let k = 0; k < 5; k++) writeFileSync(join(folder, cls, `${k}.png`), grayPng(8, 8, Uint8Array.from({ length: 64 }, (_, i) => (c ? 160 : 20) + ((i * (k + 3)) % 60))));
  }
  const out = join(dir, 'shades-run');
  const trained = await runCli('train', '--data', folder, '--val-split', '0.2', '--epochs', '1', '--out', out, '-q');
  assert.equal(trained.code, 0, trained.err);
  const input = join(dir, 'new-images');
  mkdirSync(input);
  writeFileSync(join(input, 'a.png'), colourPng(8, 8, 3, new Uint8Array(8 * 8 * 3).fill(100)));
  writeFileSync(join(input, 'b.png'), colourPng(10, 10, 4, new Uint8Array(10 * 10 * 4).fill(200)));
  writeFileSync(join(input, 'c.png'), grayPng(8, 8, new Uint8Array(64).fill(30)));
  writeFileSync(join(input, 'notes.txt'), 'not an image');
  const r = await runCli('predict', '--model', join(out, 'model'), '--input', input);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim().split('\n').length, 3);
  assert.deepEqual(r.err.trim().split('\n'), [
    "noisenet predict: 2 images converted to grey (ITU-R 601 luma), as the model takes 1 channel (the first: " + join(input, 'a.png') + ')',
    "noisenet predict: 1 image resized bilinearly to 8x8, the model's input (the first: " + join(input, 'b.png') + ')',
    'noisenet predict: alpha channel dropped from 1 image (the first: ' + join(input, 'b.png') + ')',
    'noisenet predict: 1 file skipped, not .png, .jpg or .jpeg (the first: ' + join(input, 'notes.txt') + ')',
  ]);
});

test('predict matches a headerless table to the model\'s columns by position, a categorical column one-hot encoded, with or without the target in its place', async () => {
  const colours = ['blue', 'green', 'red'];
  const rows = Array.from({ length: 45 }, (_, i) => ({ size: (i * 7) % 13, colour: colours[i % 3]!, weight: ((i * 5) % 11) / 2, kind: i % 3 === 0 || i % 4 === 0 ? 'heavy' : 'light' }));
  const csv = join(dir, 'things.csv');
  writeFileSync(csv, ['size,colour,weight,kind', ...rows.map((r) => `${r.size},${r.colour},${r.weight},${r.kind}`)].join('\n'));
  const out = join(dir, 'things');
  const trained = await runCli('train', '--data', csv, '--val-split', '0.2', '--epochs', '1', '--out', out, '-q');
  assert.equal(trained.code, 0, trained.err);
  const picked = rows.slice(0, 6);
  const named = join(dir, 'things-named.csv');
  writeFileSync(named, ['size,colour,weight', ...picked.map((r) => `${r.size},${r.colour},${r.weight}`)].join('\n'));
  const expected = await runCli('predict', '--model', join(out, 'model'), '--input', named);
  assert.equal(expected.code, 0, expected.err);
  assert.equal(expected.out.trim().split('\n').length, 6);

  const bare = join(dir, 'things-bare.csv');
  writeFileSync(bare, picked.map((r) => `${r.size},${r.colour},${r.weight}`).join('\n'));
  const withTarget = join(dir, 'things-whole.csv');
  writeFileSync(withTarget, picked.map((r) => `${r.size},${r.colour},${r.weight},${r.kind}`).join('\n'));
  for (const input of [bare, withTarget]) {
    for (const flags of [[], ['--header', 'no']]) {
      const r = await runCli('predict', '--model', join(out, 'model'), '--input', input, ...flags);
      assert.equal(r.code, 0, `${input} ${flags.join(' ')}: ${r.err}`);
      assert.equal(r.out, expected.out, `${input} ${flags.join(' ')}`);
    }
  }
});
