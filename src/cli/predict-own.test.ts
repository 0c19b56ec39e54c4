/**
 * `noisenet predict` on the user's own data: categorical table columns encoded with the
 * categories recorded at training (whatever the new rows hold, in any column order), an unknown
 * category refused, and `--resize refuse` for images of another size.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/run-cli.js';
import { grayPng } from '../testing/png.js';
import { loadData } from '../data/node/load-data.js';
import { splitTensors } from '../data/split-tensors.js';
import { loadModel } from '../io/node/load-model.js';
import { Tensor } from '../tensor/tensor.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-predict-own-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const COLOURS = ['blue', 'green', 'red'];

test('predict encodes categorical columns with the categories recorded at training: rows holding fewer categories, in another column order, give the probabilities of the training encoding', async () => {
  const rows = Array.from({ length: 60 }, (_, i) => ({ size: (i * 7) % 13, colour: COLOURS[i % 3]!, weight: ((i * 5) % 11) / 2, kind: i % 3 === 0 || i % 4 === 0 ? 'heavy' : 'light' }));
  const csv = join(dir, 'items.csv');
  writeFileSync(csv, ['size,colour,weight,kind', ...rows.map((r) => `${r.size},${r.colour},${r.weight},${r.kind}`)].join('\n'));
  const out = join(dir, 'items');
  const trained = await runCli('train', '--data', csv, '--val-split', '0.25', '--epochs', '2', '--seed', '2', '--out', out, '-q');
  assert.equal(trained.code, 0, trained.err);
  const exported = await runCli('export', '--model', join(out, 'model'), '--out', join(dir, 'items.onnx'));
  assert.equal(exported.code, 0, exported.err);
  assert.match(exported.out, /^Input columns, in order: size, colour=blue, colour=green, colour=red, weight$/m);
  assert.match(exported.out, /^Output: one probability per class, in the order heavy, light$/m);

  // New rows: only red and blue, the columns reordered, no target column.
  const picked = rows.filter((r) => r.colour !== 'green').slice(0, 8);
  const input = join(dir, 'new.csv');
  writeFileSync(input, ['weight,colour,size', ...picked.map((r) => `${r.weight},${r.colour},${r.size}`)].join('\n'));
  const json = join(dir, 'predictions.json');
  const predicted = await runCli('predict', '--model', join(out, 'model'), '--input', input, '--out', json);
  assert.equal(predicted.code, 0, predicted.err);
  const got = JSON.parse(await readFile(json, 'utf8')) as { class: string; probability: number }[];

  const data = await loadData(csv);
  const x = splitTensors(data, data.train).x;
  const features = data.sampleShape[0]!;
  assert.equal(features, 5, 'size, colour=blue, colour=green, colour=red, weight');
  const model = await loadModel(join(out, 'model'));
  const indices = picked.map((p) => rows.indexOf(p));
  const expected = model.predict(new Tensor(Float32Array.from(indices.flatMap((i) => Array.from(x.data.subarray(i * features, (i + 1) * features)))), [indices.length, features]));
  const classes = expected.shape[1]!;
  got.forEach((p, i) => {
    const row = Array.from(expected.data.subarray(i * classes, (i + 1) * classes));
    assert.ok(Math.abs(Math.max(...row) - p.probability) < 1e-6, `row ${i + 1}: ${p.probability} vs ${Math.max(...row)}`);
    assert.equal(p.class, data.classes[row.indexOf(Math.max(...row))]);
  });

  writeFileSync(input, 'size,colour,weight\n3,purple,1\n');
  const unknown = await runCli('predict', '--model', join(out, 'model'), '--input', input);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /new\.csv: row 2, column "colour": category "purple" was not seen in training \(known: blue, green, red\)/);
});

test('predict --resize refuse refuses an image of another size than the model takes, naming it; without it the image is resized', async () => {
  const folder = join(dir, 'shapes');
  for (const [c, cls] of ['dark', 'light'].entries()) {
    mkdirSync(join(folder, cls), { recursive: true });
    for (let k = 0; k < 6; k++) writeFileSync(join(folder, cls, `${k}.png`), grayPng(8, 8, Uint8Array.from({ length: 64 }, (_, i) => (c ? 160 : 20) + ((i * (k + 3)) % 60))));
  }
  const out = join(dir, 'shapes-run');
  const trained = await runCli('train', '--data', folder, '--val-split', '0.25', '--epochs', '1', '--out', out, '-q');
  assert.equal(trained.code, 0, trained.err);
  const big = join(dir, 'big.png');
  writeFileSync(big, grayPng(10, 10, new Uint8Array(100).fill(200)));
  const refused = await runCli('predict', '--model', join(out, 'model'), '--input', big, '--resize', 'refuse');
  assert.equal(refused.code, 1);
  assert.match(refused.err, /big\.png: image of 10x10 pixels, the model takes 8x8 \(--resize refuse/);
  const resized = await runCli('predict', '--model', join(out, 'model'), '--input', big);
  assert.equal(resized.code, 0, resized.err);
  assert.match(resized.out, /^big\.png\t(dark|light)\t\d\.\d{4}$/m);
});

test('predict --input reads a gzipped table (.csv.gz) as the same rows as the plain one', async () => {
  const csv = join(dir, 'points.csv');
  writeFileSync(csv, ['x,y,side', ...Array.from({ length: 40 }, (_, i) => `${i % 10},${(i * 3) % 7},${i % 10 < 5 ? 'left' : 'right'}`)].join('\n'));
  const out = join(dir, 'points');
  const trained = await runCli('train', '--data', csv, '--val-split', '0.25', '--epochs', '1', '--out', out, '-q');
  assert.equal(trained.code, 0, trained.err);
  const rows = 'x,y\n1,2\n8,3\n4,6\n';
  writeFileSync(join(dir, 'points-new.csv'), rows);
  writeFileSync(join(dir, 'points-new.csv.gz'), gzipSync(rows));
  const plain = await runCli('predict', '--model', join(out, 'model'), '--input', join(dir, 'points-new.csv'));
  const gz = await runCli('predict', '--model', join(out, 'model'), '--input', join(dir, 'points-new.csv.gz'));
  assert.equal(plain.code, 0, plain.err);
  assert.equal(gz.code, 0, gz.err);
  assert.equal(gz.out.trim().split('\n').length, 3);
  assert.equal(gz.out, plain.out);
});
