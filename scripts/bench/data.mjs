/**
 * The benchmark's data: Fashion-MNIST (60,000 + 10,000 28x28 byte images), from the project's
 * loader when built, else parsed here from the IDX .gz files in /usr/share/datasets, else
 * random bytes of the same shape (reported as such).
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';

const DIR = '/usr/share/datasets/fashion-mnist';
const FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];

/** { train: { images, labels, count }, test: {...}, source } with Uint8Array images and labels. */
export async function loadBenchData(root) {
  const loader = join(root, 'dist', 'data', 'node', 'load-dataset.js');
  if (existsSync(loader) && existsSync(join(DIR, FILES[0]))) {
    try {
      const { loadDataset } = await import(loader);
      const d = await loadDataset('fashion-mnist', { dataDir: DIR });
      return { train: d.train, test: d.test, source: `fashion-mnist via loadDataset (${d.source})` };
    } catch {
      // fall through to the local parser
    }
  }
  if (FILES.every((f) => existsSync(join(DIR, f)))) {
    const [ti, tl, vi, vl] = FILES.map((f) => idx(join(DIR, f)));
    return { train: split(ti, tl), test: split(vi, vl), source: `fashion-mnist IDX files in ${DIR}` };
  }
  return { train: random(60000, 1), test: random(10000, 2), source: 'random bytes (Fashion-MNIST not found)' };
}

function idx(path) {
  const buf = gunzipSync(readFileSync(path));
  const dims = buf[3];
  return new Uint8Array(buf.buffer, buf.byteOffset + 4 + 4 * dims, buf.length - 4 - 4 * dims);
}

function split(images, labels) {
  return { images, labels, count: labels.length, height: 28, width: 28 };
}

function random(count, seed) {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24);
  const images = Uint8Array.from({ length: count * 784 }, next);
  const labels = Uint8Array.from({ length: count }, () => next() % 10);
  return split(images, labels);
}
