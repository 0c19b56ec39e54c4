/**
 * A model remembers its data: `train --out` records the dataset (name, source, sample shape,
 * class count, content SHA-256) in model.json and history.json; `evaluate`, `robustness` and
 * `certify` default to it and warn in one line when the data given differs; `--data-dir` files
 * are named after what they hold, not after the default dataset.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/run-cli.js';
import { encodeIdx } from '../data/idx.js';
import { FASHION_MNIST_SYSTEM_DIR } from '../data/datasets/fashion-mnist.js';
import { KNOWN_CONTENT } from '../data/known-content.js';

const FASHION = FASHION_MNIST_SYSTEM_DIR;
const present = existsSync(join(FASHION, 'train-images-idx3-ubyte.gz'));
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-record-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const readJson = async (path: string): Promise<Record<string, unknown>> => JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;

test('train --data-dir of Fashion-MNIST files says fashion-mnist and records it with the model and the history; evaluate, robustness and certify default to it', async (t) => {
  if (!present) return t.skip(`${FASHION} not installed (apt install dataset-fashion-mnist)`);
  const out = join(dir, 'fashion');
  const r = await runCli('train', '--data-dir', FASHION, '--train-size', '300', '--epochs', '1', '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`^Dataset: fashion-mnist, 300 train \\(seeded subset of 60000\\), 10000 test; source: data-dir ${FASHION}\\n`));
  const expected = { name: 'fashion-mnist', source: `data-dir ${FASHION}`, dataDir: FASHION, sampleShape: [28, 28], classes: 10, trainCount: 60000, testCount: 10000, sha256: KNOWN_CONTENT['fashion-mnist'] };
  const model = await readJson(join(out, 'model', 'model.json'));
  assert.deepEqual((model['noisenet'] as Record<string, unknown>)['dataset'], expected);
  assert.deepEqual((await readJson(join(out, 'history.json')))['dataset'], expected);

  const e = await runCli('evaluate', '--model', join(out, 'model'));
  assert.equal(e.code, 0, e.err);
  assert.match(e.out, /^Dataset: fashion-mnist, 60000 train, 10000 test; source: data-dir /);
  assert.equal(e.err, '', 'the recorded data: no warning');
  const rob = await runCli('robustness', '--model', join(out, 'model'), '--stddevs', '0', '--samples', '50');
  assert.equal(rob.code, 0, rob.err);
  assert.match(rob.out, /^Dataset: fashion-mnist, /);
  const cert = await runCli('certify', '--model', join(out, 'model'), '--sigma', '0.25', '--n0', '5', '--n', '20', '--samples', '2');
  assert.equal(cert.code, 0, cert.err);
  assert.match(cert.out, /^Dataset: fashion-mnist, /);
  assert.doesNotMatch(rob.err + cert.err, /trained on/, 'the recorded data: no warning');

  const other = await runCli('evaluate', '--model', join(out, 'model'), '--dataset', 'mnist-mini');
  assert.equal(other.code, 0, other.err);
  assert.match(other.out, /^Dataset: mnist-mini, /);
  assert.match(other.err, /^noisenet evaluate: the model was trained on fashion-mnist \(sha256 [0-9a-f]{12}…, data-dir \S+\); this is mnist-mini \(sha256 [0-9a-f]{12}…\): its scores here do not measure it on its own data\n$/);
});

test('--dataset mnist on Fashion-MNIST files warns that the files hold fashion-mnist', async (t) => {
  if (!present) return t.skip(`${FASHION} not installed`);
  const r = await runCli('train', '--dataset', 'mnist', '--data-dir', FASHION, '--train-size', '200', '--epochs', '1', '--quiet');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, `noisenet train: the files in ${FASHION} hold fashion-mnist, not mnist\n`);
});

test('IDX files that are no known release are named idx, recorded with their folder, and found again by evaluate', async () => {
  const data = join(dir, 'idx-files');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(data);
  const pixels = (n: number): Uint8Array => Uint8Array.from({ length: n * 784 }, (_, i) => (i * 2654435761) % 251);
  const labels = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i % 10);
  await writeFile(join(data, 'train-images-idx3-ubyte'), encodeIdx([200, 28, 28], pixels(200)));
  await writeFile(join(data, 'train-labels-idx1-ubyte'), encodeIdx([200], labels(200)));
  await writeFile(join(data, 't10k-images-idx3-ubyte'), encodeIdx([50, 28, 28], pixels(50)));
  await writeFile(join(data, 't10k-labels-idx1-ubyte'), encodeIdx([50], labels(50)));
  const out = join(dir, 'idx');
  const r = await runCli('train', '--data-dir', data, '--epochs', '1', '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`^Dataset: idx \\(not recognised as mnist or fashion-mnist\\), 200 train, 50 test; source: data-dir ${data}\\n`));
  const record = ((await readJson(join(out, 'model', 'model.json')))['noisenet'] as Record<string, Record<string, unknown>>)['dataset']!;
  assert.equal(record['name'], 'idx');
  assert.equal(record['dataDir'], data);
  const e = await runCli('evaluate', '--model', join(out, 'model'));
  assert.equal(e.code, 0, e.err);
  assert.match(e.out, /^Dataset: idx \(not recognised as mnist or fashion-mnist\), 200 train, 50 test; /);
  assert.equal(e.err, '');
});
