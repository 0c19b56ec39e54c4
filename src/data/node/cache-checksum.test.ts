/**
 * A cached file that fails its checksum is reported as such (path, algorithm, expected and found
 * digest, what to do), not as "not in the cache"; uncompressed files in the cache are explained.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DownloadError } from '../../errors.js';
import type { IdxDatasetSpec } from '../datasets/idx-spec.js';
import { MNIST } from '../datasets/mnist.js';
import { encodeIdx } from '../idx.js';
import { startFileServer } from '../../testing/local-file-server.js';
import { OfflineError } from '../offline-error.js';
import { ensureFile } from './download.js';
import { loadIdxDataset } from './idx-dataset.js';
import { loadDataset } from './load-dataset.js';

const root = mkdtempSync(join(tmpdir(), 'noisenet-cache-checksum-'));
after(() => rmSync(root, { recursive: true, force: true }));

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

async function refusedUrl(): Promise<string> {
  const server = await startFileServer({});
  await server.close();
  return server.url;
}

test('ensureFile offline with a corrupt cached copy names the file, expected and found SHA-256, and the fix', async () => {
  const body = Uint8Array.from({ length: 500 }, (_, i) => i % 7);
  const dir = join(root, 'ensure');
  mkdirSync(dir);
  const dest = join(dir, 'data.bin');
  writeFileSync(dest, 'corrupted');
  const urls = [`${await refusedUrl()}data.bin`];
  await assert.rejects(ensureFile({ urls, dest, checksum: { algorithm: 'sha256', digest: sha256(body) } }), (err: unknown) => {
    assert.ok(err instanceof DownloadError && !(err instanceof OfflineError), `a DownloadError, not offline: ${String(err)}`);
    assert.equal(
      err.message,
      `${dest}: the cached file fails its SHA-256 check (expected ${sha256(body)}, found ${sha256('corrupted')}) and could not be downloaded again (${urls[0]}: ECONNREFUSED); delete it to download it again, or replace it with a good copy`,
    );
    return true;
  });
  assert.equal(readFileSync(dest, 'utf8'), 'corrupted', 'the file is left for the user to look at');
});

test('mnist with a corrupt cached file offline says which file failed its SHA-256, not "not in the cache"', async () => {
  const gz = gzipSync(encodeIdx([2, 28, 28], new Uint8Array(2 * 784)));
  const spec: IdxDatasetSpec = {
    ...MNIST,
    files: {
      trainImages: { name: MNIST.files.trainImages.name, checksum: { algorithm: 'sha256', digest: sha256(gz) } },
      trainLabels: MNIST.files.trainLabels,
      testImages: MNIST.files.testImages,
      testLabels: MNIST.files.testLabels,
    },
  };
  const cacheDir = join(root, 'mnist-cache');
  const path = join(cacheDir, 'mnist', 'train-images-idx3-ubyte.gz');
  mkdirSync(join(cacheDir, 'mnist'), { recursive: true });
  writeFileSync(path, gz.subarray(0, gz.length - 1));
  await assert.rejects(loadIdxDataset(spec, { cacheDir, mirrors: [await refusedUrl()], env: {} }), (err: unknown) => {
    assert.ok(err instanceof DownloadError && !(err instanceof OfflineError), String(err));
    assert.ok(err.message.startsWith(`${path}: the cached file fails its SHA-256 check (expected ${sha256(gz)}, found ${sha256(gz.subarray(0, gz.length - 1))})`), err.message);
    assert.match(err.message, /delete it to download it again/);
    return true;
  });
});

test('uncompressed files in the cache are explained offline: the cache holds the .gz files, dataDir reads them as they are', async () => {
  const cacheDir = join(root, 'uncompressed');
  const dir = join(cacheDir, 'mnist');
  mkdirSync(dir, { recursive: true });
  const files = {
    'train-images-idx3-ubyte': encodeIdx([3, 28, 28], new Uint8Array(3 * 784)),
    'train-labels-idx1-ubyte': encodeIdx([3], Uint8Array.of(1, 2, 3)),
    't10k-images-idx3-ubyte': encodeIdx([1, 28, 28], new Uint8Array(784)),
    't10k-labels-idx1-ubyte': encodeIdx([1], Uint8Array.of(9)),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  await assert.rejects(loadDataset('mnist', { cacheDir, mirrors: [await refusedUrl()], env: {} }), (err: unknown) => {
    assert.ok(err instanceof OfflineError, String(err));
    assert.ok(
      err.message.endsWith(
        `; ${join(dir, 'train-images-idx3-ubyte')} is uncompressed, but the cache holds the published .gz files (checked by their SHA-256): pass ${dir} as the dataDir option to read the four files as they are, or copy the .gz files there`,
      ),
      err.message,
    );
    return true;
  });
  const data = await loadDataset('mnist', { dataDir: dir });
  assert.deepEqual([data.train.count, data.test.count, data.test.labels[0]], [3, 1, 9]);
});
