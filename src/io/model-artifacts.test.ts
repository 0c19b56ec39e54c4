/** Models as artifacts in memory, and loadModel given the JSON file of a TF.js-style pair `<name>.json` + `<name>.weights.bin`. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { dropout } from '../noise/dropout.js';
import { adam } from '../optimizers/adam.js';
import { tensor } from '../tensor/tensor.js';
import { ModelFileError } from '../errors.js';
import { modelArtifacts, modelFromArtifacts } from './model-artifacts.js';
import { loadModel } from './node/index.js';

function model() {
  const m = sequential([input({ shape: [3] }), dense({ units: 4, activation: 'relu' }), dropout({ rate: 0.2 }), dense({ units: 2, activation: 'softmax' })]);
  m.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  m.initializeWeights(3);
  return m;
}

test('loadModel reads <name>.json and the weights file its manifest names, beside it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-artifacts-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const m = model();
  const { json, weights } = modelArtifacts(m, 'baseline.weights.bin');
  assert.deepEqual(json.weightsManifest.map((g) => g.paths), [['baseline.weights.bin']]);
  await writeFile(join(dir, 'baseline.json'), JSON.stringify(json));
  await writeFile(join(dir, 'baseline.weights.bin'), weights);
  const loaded = await loadModel(join(dir, 'baseline.json'));
  const x = tensor([[0.1, 0.5, -1], [2, 0, 1]]);
  assert.deepEqual(loaded.predict(x).data, m.predict(x).data);
  assert.deepEqual(loaded.getConfig(), m.getConfig());
  assert.deepEqual(loaded.optimizer?.getConfig(), m.optimizer?.getConfig());
  await rm(join(dir, 'baseline.weights.bin'));
  await assert.rejects(loadModel(join(dir, 'baseline.json')), { name: 'ModelFileError', message: `${join(dir, 'baseline.weights.bin')}: file not found` });
});

test('modelFromArtifacts refuses what is not a model.json object, naming the source', async () => {
  const files = { locate: (p: string) => p, read: async () => new Uint8Array(0) };
  for (const [json, found] of [[null, 'null'], [[1], 'a list'], ['text', 'string']] as const) {
    await assert.rejects(modelFromArtifacts(json, files, 'upload.json'), (e: Error) => e instanceof ModelFileError && e.message === `upload.json: expected a JSON object, found ${found}`);
  }
  await assert.rejects(modelFromArtifacts({ format: 'graph-model' }, files, 'g.json'), { message: 'g.json: format must be "layers-model", found "graph-model"' });
});
