import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, mkdir, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequential, type Sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { Layer, type LayerConfig } from '../parts/layer.js';
import { registerLayer } from '../registry/lookup.js';
import { defineLayer } from '../parts/definitions.js';
import { NAME, number } from '../schema/fields.js';
import { gaussianNoise } from '../noise/gaussian-noise.js';
import { adam } from '../optimizers/adam.js';
import { tensor } from '../tensor/tensor.js';
import type { FloatArray } from '../kernels/backend.js';
import { ModelFileError } from '../errors.js';
import { loadModel, saveModel } from './node/index.js';

/** A layer only this test knows, registered like layers other modules add later. */
class TestScale extends Layer {
  readonly className = 'TestScale';
  constructor(readonly options: { factor: number; name?: string }) {
    super(options.name);
  }
  forward(x: FloatArray, batch: number): FloatArray {
    const out = this.scratch('out', batch * this.inputSize);
    for (let i = 0; i < batch * this.inputSize; i++) out[i] = x[i]! * this.options.factor;
    return out;
  }
  backward(dy: FloatArray): FloatArray {
    return dy;
  }
  getConfig(): LayerConfig {
    return { name: this.name, factor: this.options.factor };
  }
}
registerLayer(
  defineLayer<{ factor: number; name?: string }>({
    className: 'TestScale',
    factory: 'testScale',
    summary: 'multiplies by a constant',
    options: { factor: number('the factor', { required: true }), name: NAME },
    create: (o) => new TestScale(o),
    tfjs: { className: null },
  }),
);

function smallModel(): Sequential {
  const model = sequential([
    input({ shape: [4] }),
    gaussianNoise({ stddev: 0.1 }),
    dense({ units: 3, activation: 'relu' }),
    new TestScale({ factor: 1.5 }),
    dense({ units: 2, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  model.initializeWeights(7);
  model.setWeights(model.getWeights().map((w) => w.data.map((v, i) => v + 0.01 * (i % 5)) as Float32Array));
  return model;
}

const x = tensor([[0.1, 0.2, 0.3, 0.4], [1, -1, 0.5, 0], [0, 0, 0, 0], [0.9, 0.8, -0.7, 0.6]]);
const y = tensor([0, 1, 1, 0]);
const tmp = (): Promise<string> => mkdtemp(join(tmpdir(), 'noisenet-io-'));

async function saved(): Promise<{ dir: string; json: Record<string, any> }> {
  const dir = await tmp();
  await saveModel(smallModel(), dir);
  return { dir, json: JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) };
}

async function rejectsWith(promise: Promise<unknown>, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (err: Error) => {
    assert.ok(err instanceof ModelFileError, `expected ModelFileError, got ${err.name}: ${err.message}`);
    assert.ok(!err.message.includes('\n'), 'one-line message');
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

test('save then load predicts identical outputs and evaluates without compiling', async () => {
  const model = smallModel();
  const dir = await tmp();
  await saveModel(model, dir);
  assert.deepEqual((await readdir(dir)).sort(), ['model.json', 'weights.bin']);
  const loaded = await loadModel(dir);
  assert.deepEqual(loaded.getConfig(), model.getConfig());
  assert.deepEqual(loaded.predict(x).data, model.predict(x).data);
  assert.deepEqual(loaded.evaluate(x, y), model.evaluate(x, y));
  assert.equal(loaded.optimizer?.className, 'Adam');
  assert.equal(loaded.optimizer?.learningRate, 0.01);
  await rm(dir, { recursive: true });
});

test('model.json holds the TF.js Sequential topology and a float32 manifest', async () => {
  const { dir, json } = await saved();
  assert.equal(json.format, 'layers-model');
  const layers = json.modelTopology.config.layers;
  assert.deepEqual(layers.map((l: any) => l.class_name), ['GaussianNoise', 'Dense', 'TestScale', 'Dense']);
  assert.deepEqual(layers[0].config, { stddev: 0.1, name: 'gaussian_noise', trainable: true, batch_input_shape: [null, 4], dtype: 'float32' });
  assert.equal(layers[1].config.units, 3);
  assert.equal(layers[1].config.activation, 'relu');
  assert.equal(layers[1].config.use_bias, true);
  assert.equal(layers[1].config.batch_input_shape, undefined);
  assert.deepEqual(json.weightsManifest, [{
    paths: ['weights.bin'],
    weights: [
      { name: 'dense/kernel', shape: [4, 3], dtype: 'float32' },
      { name: 'dense/bias', shape: [3], dtype: 'float32' },
      { name: 'dense_1/kernel', shape: [3, 2], dtype: 'float32' },
      { name: 'dense_1/bias', shape: [2], dtype: 'float32' },
    ],
  }]);
  assert.equal((await readFile(join(dir, 'weights.bin'))).byteLength, (12 + 3 + 6 + 2) * 4);
  assert.deepEqual(json.noisenet.training.metrics, ['accuracy']);
  await rm(dir, { recursive: true });
});

test('without the noisenet key the model loads from the TF.js topology', async () => {
  const { dir, json } = await saved();
  delete json.noisenet;
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  const loaded = await loadModel(dir);
  assert.deepEqual(loaded.getConfig(), smallModel().getConfig());
  assert.deepEqual(loaded.predict(x).data, smallModel().predict(x).data);
  assert.equal(loaded.loss, null);
  await rm(dir, { recursive: true });
});

test('a folder written by TF.js loads, with its trainingConfig', async () => {
  const dir = await tmp();
  const common = { kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null, trainable: true, dtype: 'float32' };
  const init = { kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} } };
  const json = {
    format: 'layers-model', generatedBy: 'TensorFlow.js tfjs-layers v4.22.0', convertedBy: null,
    modelTopology: { class_name: 'Sequential', config: { name: 'sequential_1', layers: [
      { class_name: 'Dense', config: { units: 2, activation: 'relu', use_bias: true, ...init, ...common, name: 'dense_Dense1', batch_input_shape: [null, 2] } },
      { class_name: 'Dense', config: { units: 2, activation: 'softmax', use_bias: true, ...init, ...common, name: 'dense_Dense2' } },
    ] }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
    weightsManifest: [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: [
      { name: 'dense_Dense1/kernel', shape: [2, 2], dtype: 'float32' }, { name: 'dense_Dense1/bias', shape: [2], dtype: 'float32' },
      { name: 'dense_Dense2/kernel', shape: [2, 2], dtype: 'float32' }, { name: 'dense_Dense2/bias', shape: [2], dtype: 'float32' },
    ] }],
    trainingConfig: { loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], optimizer_config: { class_name: 'Adam', config: { learning_rate: 0.002 } } },
  };
  const values = new Float32Array([1, -1, 0.5, 2, 0.1, 0, 1, 0, 0, 1, 0, 0.5]);
  const bytes = Buffer.from(values.buffer);
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  await writeFile(join(dir, 'group1-shard1of2.bin'), bytes.subarray(0, 20));
  await writeFile(join(dir, 'group1-shard2of2.bin'), bytes.subarray(20));
  const model = await loadModel(dir);
  // h = relu([1, 2] W1 + b1) = relu([2, 3] + [0.1, 0]) = [2.1, 3]; z = h W2 + b2 = [2.1, 3.5]
  const out = model.predict(tensor([[1, 2]])).data;
  const e = Math.exp(3.5 - 2.1);
  assert.ok(Math.abs(out[0]! - 1 / (1 + e)) < 1e-6 && Math.abs(out[1]! - e / (1 + e)) < 1e-6);
  assert.equal(model.optimizer?.learningRate, 0.002);
  assert.deepEqual(model.metrics, ['accuracy']);
  await rm(dir, { recursive: true });
});

test('shapes that differ from the manifest are each named', async () => {
  const { dir, json } = await saved();
  json.noisenet.model.layers[2].config.units = 5;
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  await rejectsWith(
    loadModel(dir),
    `${join(dir, 'model.json')}: dense/kernel: expected shape [4, 5], found [4, 3]; dense/bias: expected shape [5], found [3]; dense_1/kernel: expected shape [5, 2], found [3, 2]`,
  );
  await rm(dir, { recursive: true });
});

test('weight names missing from or unknown to the model are named', async () => {
  const { dir, json } = await saved();
  json.weightsManifest[0].weights[3].name = 'dense_1/b';
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  await rejectsWith(loadModel(dir), `${join(dir, 'model.json')}: dense_1/bias: missing from the weights manifest; dense_1/b: in the weights manifest but not in the model`);
  await rm(dir, { recursive: true });
});

test('a weights.bin of the wrong length is rejected with both sizes', async () => {
  const { dir } = await saved();
  await truncate(join(dir, 'weights.bin'), 88);
  await rejectsWith(loadModel(dir), `${join(dir, 'weights.bin')}: expected 92 bytes (23 float32 values for 4 weights), found 88`);
  await rm(dir, { recursive: true });
});

test('missing files and invalid JSON name the path', async () => {
  const { dir } = await saved();
  await rejectsWith(loadModel(join(dir, 'nope')), `${join(dir, 'nope', 'model.json')}: file not found`);
  await rm(join(dir, 'weights.bin'));
  await rejectsWith(loadModel(dir), `${join(dir, 'weights.bin')}: file not found`);
  await writeFile(join(dir, 'model.json'), '{"format": "layers-model",');
  await rejectsWith(loadModel(dir), new RegExp(`^${join(dir, 'model.json')}: invalid JSON \\(.+\\)$`));
  await writeFile(join(dir, 'model.json'), JSON.stringify({ modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'Conv3D', config: { batch_input_shape: [null, 4, 4, 4, 1] } }] } }, weightsManifest: [] }));
  await rejectsWith(loadModel(dir), /model\.json: unknown layer class 'Conv3D'; known: .*Dense/);
  await rm(dir, { recursive: true });
});

test('a failed save leaves no temporary file and no model.json', async () => {
  const dir = await tmp();
  await mkdir(join(dir, 'weights.bin', 'blocker'), { recursive: true });
  await rejectsWith(saveModel(smallModel(), dir), new RegExp(`^${join(dir, 'weights.bin')}: cannot write \\(E[A-Z]+\\)$`));
  assert.deepEqual(await readdir(dir), ['weights.bin']);
  await rm(dir, { recursive: true });
});
