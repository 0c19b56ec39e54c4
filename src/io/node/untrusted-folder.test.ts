/**
 * A model folder from elsewhere: a FIFO or a device in place of a file, links that lead out, a
 * huge model.json, NaN weights, an unknown dtype and a flood of manifest entries are refused
 * with one short line that names the file and never quotes it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential } from '../../models/sequential.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { ModelFileError } from '../../errors.js';
import { buildRun } from '../../run/build-run.js';
import { clusters } from '../../testing/synthetic.js';
import { loadModel } from './load-model.js';
import { saveModel } from './save-model.js';

const unix = process.platform !== 'win32';

async function savedModel(): Promise<{ root: string; dir: string; json: Record<string, any> }> {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-untrusted-'));
  const dir = join(root, 'model');
  const model = sequential([input({ shape: [3] }), dense({ units: 2 })]);
  model.initializeWeights(1);
  await saveModel(model, dir);
  return { root, dir, json: JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) };
}

/** loadModel refuses `dir` with a one-line ModelFileError matching `message`, at most `longest` characters long. */
async function refused(dir: string, message: RegExp, longest = 400): Promise<string> {
  let text = '';
  await assert.rejects(loadModel(dir), (e: unknown) => {
    assert.ok(e instanceof ModelFileError, String(e));
    text = e.message;
    return true;
  });
  assert.match(text, message);
  assert.ok(!text.includes('\n'), 'one line');
  assert.ok(text.length <= longest, `${text.length} characters: ${text.slice(0, 200)}`);
  return text;
}

test('a FIFO named model.json or weights.bin is refused at once instead of waiting for a writer', { skip: !unix, timeout: 20_000 }, async () => {
  const { root, dir } = await savedModel();
  try {
    await unlink(join(dir, 'model.json'));
    execFileSync('mkfifo', [join(dir, 'model.json')]);
    await refused(dir, /model\.json: is a FIFO \(named pipe\), not a regular file; refused$/);
    await rm(dir, { recursive: true });
    const again = await savedModel();
    await unlink(join(again.dir, 'weights.bin'));
    execFileSync('mkfifo', [join(again.dir, 'weights.bin')]);
    await refused(again.dir, /weights\.bin: is a FIFO \(named pipe\), not a regular file; refused$/);
    await rm(again.root, { recursive: true, force: true });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a model.json that is a symbolic link out of the folder is not followed: /etc/passwd is not quoted, /dev/zero is not read', { skip: !unix }, async () => {
  const { root, dir, json } = await savedModel();
  try {
    await unlink(join(dir, 'model.json'));
    await symlink('/etc/passwd', join(dir, 'model.json'));
    const text = await refused(dir, /model\.json: leads outside the model folder .* \(to \/etc\/passwd, a symbolic link\); the files of a model must be inside it$/);
    assert.ok(!text.includes('root:'), 'nothing of the file is quoted');
    await unlink(join(dir, 'model.json'));
    await symlink('/dev/zero', join(dir, 'model.json'));
    await refused(dir, /model\.json: leads outside the model folder .* \(to \/dev\/zero, a symbolic link\)/);
    // A link to a file inside the folder is fine.
    await unlink(join(dir, 'model.json'));
    await writeFile(join(dir, 'saved.json'), JSON.stringify(json));
    await symlink('saved.json', join(dir, 'model.json'));
    assert.equal((await loadModel(dir)).params().length, 2);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('model.json is capped at 32 MiB before it is read, and invalid JSON is reported without its text', async () => {
  const { root, dir } = await savedModel();
  try {
    await writeFile(join(dir, 'model.json'), 'SECRET-TOKEN-abcdef and more');
    const text = await refused(dir, /model\.json: invalid JSON \(Unexpected character\)$/);
    assert.ok(!text.includes('SECRET'), text);
    await truncate(join(dir, 'model.json'), 33 * 2 ** 20); // sparse: no 33 MB written
    await refused(dir, /model\.json: 34603008 bytes, more than the 33554432 allowed for a model\.json$/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('NaN or infinite weights are refused, naming the layer, the weight, the index and the count', async () => {
  const { root, dir } = await savedModel();
  try {
    const bytes = new Uint8Array(await readFile(join(dir, 'weights.bin')));
    const view = new DataView(bytes.buffer);
    view.setFloat32(4 * 1, NaN, true); // dense/kernel [3, 2], index 1
    view.setFloat32(4 * 7, -Infinity, true); // dense/bias [2], index 1
    await writeFile(join(dir, 'weights.bin'), bytes);
    await refused(
      dir,
      /model\.json: weight dense\/kernel \(layer dense\) holds NaN at index 1 \(1 of 6 values are NaN or infinite\); weight dense\/bias \(layer dense\) holds -Infinity at index 1 \(1 of 2 values are NaN or infinite\); a model that diverged in training, or a damaged file, cannot be loaded$/,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('NaN in the saved optimizer state is named as such, not as a malformed step count', async () => {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-untrusted-'));
  try {
    const run = buildRun({ model: 'mlp', hidden: [4], activation: 'relu', noise: ['gradient:eta=0.001'], optimizer: 'adam', lr: 0.01, momentum: 0 }, { inputShape: [10], classes: 3 });
    const data = clusters(40, 10, 3, 2);
    await run.model.fit(data.x, data.y, { batchSize: 8, seed: 1, epochs: 1 });
    await saveModel(run.model, root);
    const json = JSON.parse(await readFile(join(root, 'model.json'), 'utf8'));
    const weights: { name: string; shape: number[] }[] = json.weightsManifest[0].weights;
    const offset = weights.slice(0, weights.findIndex((w) => w.name === 'optimizer/0')).reduce((n, w) => n + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
    const bytes = new Uint8Array(await readFile(join(root, json.weightsManifest[0].paths[0])));
    new DataView(bytes.buffer).setFloat32(offset, NaN, true);
    await writeFile(join(root, json.weightsManifest[0].paths[0]), bytes);
    await refused(root, /model\.json: optimizer state optimizer\/0 holds NaN at index 0 \(1 of 1 values are NaN or infinite\); a model that diverged/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('an unsupported dtype is named, not reported as NaN bytes', async () => {
  const { root, dir, json } = await savedModel();
  try {
    json.weightsManifest[0].weights[0].dtype = 'float16';
    json.weightsManifest[0].weights.push({ name: 'optimizer/x', shape: [1], dtype: 'string', group: 'optimizer' });
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    const text = await refused(dir, /model\.json: dense\/kernel: dtype must be float32, found float16; optimizer\/x: optimizer weight of dtype string cannot be skipped \(known dtypes: float32, int32, bool, complex64\)$/);
    assert.ok(!text.includes('NaN'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('100,000 weight paths or entries are refused at once with a short line', async () => {
  const { root, dir, json } = await savedModel();
  try {
    const manifest = json.weightsManifest;
    manifest[0].paths = Array.from({ length: 100_000 }, (_, i) => `shard-${i}.bin`);
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await refused(dir, /model\.json: weightsManifest names 100000 weight files, more than the 1000 a model may have$/, 200);
    manifest[0].paths = ['weights.bin'];
    manifest[0].weights.push(...Array.from({ length: 100_000 }, (_, i) => ({ name: `extra/${i}`, shape: [1], dtype: 'float32' })));
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await refused(dir, /model\.json: weightsManifest holds 100002 weights, more than the 100000 a model may have$/, 200);
    // Under the caps, a long list of problems is cut to its first few and a count.
    manifest[0].weights.splice(5000);
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await refused(dir, /model\.json: extra\/0: in the weights manifest but not in the model; .*; and 4990 more$/, 600);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
