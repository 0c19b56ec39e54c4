import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DataFileError } from '../../errors.js';
import { encodeIdx } from '../idx.js';
import { loadDataset } from '../node/load-dataset.js';
import { startFileServer } from '../../testing/local-file-server.js';
import { OfflineError } from '../offline-error.js';
import { loadIdxDataset } from '../node/idx-dataset.js';
import type { IdxDatasetSpec, IdxFileSpec } from './idx-spec.js';
import { MNIST } from './mnist.js';

const root = mkdtempSync(join(tmpdir(), 'noisenet-mnist-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Small generated MNIST-shaped files: 20 training and 5 test images of 28x28. */
function fixture(count: number, salt: number): { images: Uint8Array; labels: Uint8Array } {
  const images = gzipSync(encodeIdx([count, 28, 28], Uint8Array.from({ length: count * 784 }, (_, i) => (i * salt) % 256)));
  const labels = gzipSync(encodeIdx([count], Uint8Array.from({ length: count }, (_, i) => (i + salt) % 10)));
  return { images, labels };
}
const train = fixture(20, 3);
const testSet = fixture(5, 7);
const files: Record<string, Uint8Array> = {
  'train-images-idx3-ubyte.gz': train.images,
  'train-labels-idx1-ubyte.gz': train.labels,
  't10k-images-idx3-ubyte.gz': testSet.images,
  't10k-labels-idx1-ubyte.gz': testSet.labels,
};

/** MNIST's spec with checksums of the generated files instead of the real ones. */
function withGeneratedChecksums(spec: IdxDatasetSpec): IdxDatasetSpec {
  const redo = (f: IdxFileSpec): IdxFileSpec => ({
    name: f.name,
    checksum: { algorithm: 'sha256', digest: createHash('sha256').update(files[f.name]!).digest('hex') },
  });
  const { trainImages, trainLabels, testImages, testLabels } = spec.files;
  return { ...spec, files: { trainImages: redo(trainImages), trainLabels: redo(trainLabels), testImages: redo(testImages), testLabels: redo(testLabels) } };
}

test('mnist loads from a data dir holding gz and uncompressed files, without checksums', async () => {
  const dir = join(root, 'data-dir');
  mkdirSync(dir);
  for (const [name, bytes] of Object.entries(files)) {
    const uncompressed = name.startsWith('t10k');
    writeFileSync(join(dir, uncompressed ? name.replace(/\.gz$/, '') : name), uncompressed ? gunzipSync(bytes) : bytes);
  }
  const data = await loadDataset('mnist', { dataDir: dir, env: {} });
  assert.equal(data.name, 'mnist');
  assert.equal(data.source, `data-dir ${dir}`);
  assert.deepEqual([data.train.count, data.test.count, data.train.height, data.train.width], [20, 5, 28, 28]);
  assert.equal(data.test.labels[0], 7);
  assert.equal(data.classes.length, 10);
});

test('mnist with a data dir missing a file names the missing path', async () => {
  const dir = join(root, 'incomplete');
  mkdirSync(dir);
  writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), files['train-images-idx3-ubyte.gz']!);
  await assert.rejects(loadDataset('mnist', { dataDir: dir }), (err: unknown) => {
    assert.ok(err instanceof DataFileError, String(err));
    assert.match(err.message, /train-labels-idx1-ubyte\.gz: file not found/);
    assert.ok(err.message.startsWith(join(dir, 'train-labels-idx1-ubyte.gz')), err.message);
    return true;
  });
});

test('mnist downloads into the cache from NOISENET_MNIST_MIRROR first, then loads offline', async (t) => {
  const server = await startFileServer(files);
  t.after(() => server.close());
  const cacheDir = join(root, 'cache');
  const messages: string[] = [];
  const options = { cacheDir, env: { NOISENET_MNIST_MIRROR: server.url.slice(0, -1) }, mirrors: ['http://127.0.0.1:1/'], onProgress: (m: string) => messages.push(m) };
  const spec = withGeneratedChecksums(MNIST);
  const data = await loadIdxDataset(spec, options);
  assert.deepEqual([data.train.count, data.test.count], [20, 5]);
  assert.equal(data.source, `cache ${join(cacheDir, 'mnist')}`);
  assert.equal(server.requests.length, 4);
  assert.ok(messages.some((m) => m.startsWith('downloading train-images-idx3-ubyte.gz from http://127.0.0.1')), messages.join('\n'));
  assert.ok(messages.includes('t10k-labels-idx1-ubyte.gz: downloaded, sha256 ok'));

  const again = await loadIdxDataset(spec, options);
  assert.deepEqual(again.train.images, data.train.images);
  assert.equal(server.requests.length, 4, 'second load uses the cache');
});

test('mnist with nothing cached and no reachable mirror throws an OfflineError explaining dataDir and the cache path', async () => {
  const server = await startFileServer({});
  await server.close();
  const cacheDir = join(root, 'empty-cache');
  await assert.rejects(loadDataset('mnist', { cacheDir, mirrors: [server.url], env: {} }), (err: unknown) => {
    assert.ok(err instanceof OfflineError && err.offline, String(err));
    assert.match(err.message, /^could not download train-images-idx3-ubyte\.gz \(.*ECONNREFUSED\); to use MNIST offline, put the four files/);
    assert.ok(err.message.includes('pass it as the dataDir option') && err.message.endsWith(join(cacheDir, 'mnist')), err.message);
    return true;
  });
});
