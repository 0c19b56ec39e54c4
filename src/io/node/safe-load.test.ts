import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential } from '../../models/sequential.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { ModelFileError } from '../../errors.js';
import { loadModel } from './load-model.js';
import { saveModel } from './save-model.js';

async function savedModel(): Promise<{ root: string; dir: string; json: Record<string, any> }> {
  const root = await mkdtemp(join(tmpdir(), 'noisenet-safe-'));
  const dir = join(root, 'model');
  const model = sequential([input({ shape: [3] }), dense({ units: 2 })]);
  model.initializeWeights(1);
  await saveModel(model, dir);
  return { root, dir, json: JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) };
}

async function refused(dir: string, message: RegExp | string, options = {}): Promise<void> {
  await assert.rejects(loadModel(dir, options), (e: unknown) => {
    assert.ok(e instanceof ModelFileError, String(e));
    assert.ok(!e.message.includes('\n'), 'one line');
    if (typeof message === 'string') assert.ok(e.message.endsWith(message), e.message);
    else assert.match(e.message, message);
    return true;
  });
}

test('a manifest whose weight paths leave the model folder is refused with a one-line error, before any read', async () => {
  const { root, dir, json } = await savedModel();
  try {
    // A file outside the folder, of exactly the size the manifest wants: only the path stops it.
    await writeFile(join(root, 'secret.bin'), new Uint8Array(32));
    for (const path of ['../secret.bin', join(root, 'secret.bin'), 'sub/../../secret.bin', '..\\secret.bin']) {
      json.weightsManifest[0].paths = [path];
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      await refused(dir, `model.json: weightsManifest [0].paths: ${JSON.stringify(path)} leaves the model folder; weight files must be inside it, named relative to model.json`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a weight file that is a symbolic link out of the model folder is refused', async () => {
  const { root, dir, json } = await savedModel();
  try {
    await writeFile(join(root, 'secret.bin'), new Uint8Array(32));
    await symlink(join(root, 'secret.bin'), join(dir, 'link.bin'));
    json.weightsManifest[0].paths = ['link.bin'];
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await refused(dir, /link\.bin: leads outside the model folder .* weight files must be inside it$/);
    // A link that stays inside the folder is fine.
    await mkdir(join(dir, 'shards'));
    await symlink(join(dir, 'weights.bin'), join(dir, 'shards', 'w.bin'));
    json.weightsManifest[0].paths = ['shards/w.bin'];
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    assert.equal((await loadModel(dir)).params().length, 2);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('declared sizes are checked before anything large is allocated', async () => {
  const { root, dir, json } = await savedModel();
  try {
    // A layer of a billion units against a small manifest: refused from the shapes alone (building it would need 24 GB).
    const layers = json.noisenet.model.layers;
    layers[1].config.units = 1e9;
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await refused(dir, /dense\/kernel: expected shape \[3, 1000000000\], found \[3, 2\]; dense\/bias: expected shape \[1000000000\], found \[2\]$/);
    // The same layer with a manifest that agrees: refused by the size limit, before any file is read.
    json.weightsManifest[0].weights = [{ name: 'dense/kernel', shape: [3, 1e9], dtype: 'float32' }, { name: 'dense/bias', shape: [1e9], dtype: 'float32' }];
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await refused(dir, /model\.json: weightsManifest declares 16000000000 bytes, more than the 1073741824 allowed \(maxBytes\)$/);
    // Within the limit, a file shorter than the manifest is refused from its size, before it is read.
    layers[1].config.units = 2;
    json.weightsManifest[0].weights = [{ name: 'dense/kernel', shape: [3, 2], dtype: 'float32' }, { name: 'dense/bias', shape: [2], dtype: 'float32' }];
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await refused(dir, /model\.json: weightsManifest declares 32 bytes, more than the 16 allowed \(maxBytes\)$/, { maxBytes: 16 });
    await writeFile(join(dir, json.weightsManifest[0].paths[0]), new Uint8Array(8));
    await refused(dir, /weights\.bin: expected 32 bytes \(8 float32 values for 2 weights\), found 8$/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
