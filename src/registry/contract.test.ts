import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUGMENTATION_DEFINITIONS, LAYER_DEFINITIONS, OPTIMIZER_DEFINITIONS, TECHNIQUE_DEFINITIONS } from './catalogue.js';
import { augmentationFromConfig, findLayer, optimizerFromConfig } from './lookup.js';
import { Tensor } from '../tensor/tensor.js';
import { TECHNIQUES, findTechnique, specSchema } from '../techniques/catalogue.js';
import { parseNoiseSpec } from '../techniques/parse.js';
import { applyNoiseSpecs } from '../techniques/apply.js';
import { presetSpec } from '../models/presets.js';
import { buildModel } from '../models/model-spec.js';
import { layerFromTfjs, layerToTfjs } from '../io/tfjs-layers.js';
import { adam } from '../optimizers/adam.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import type { Field } from '../schema/fields.js';
import type { Optimizer } from '../parts/optimizer.js';

/** Values for the options a declaration requires (no default). */
const REQUIRED: Record<string, Record<string, unknown>> = {
  InputLayer: { shape: [6] },
  Dense: { units: 3 },
  Conv2D: { filters: 4, kernelSize: [3, 2] },
  Reshape: { targetShape: [2, -1] },
  Activation: { activation: 'tanh' },
  Rescaling: { scale: 0.5 },
};

test('every layer declaration is complete, its config round-trips, and its TF.js form converts back', () => {
  const names = new Set<string>();
  for (const d of LAYER_DEFINITIONS) {
    assert.ok(d.className && d.factory && d.summary, `${d.className}: names and summary`);
    assert.ok(!names.has(d.className), `${d.className} declared once`);
    names.add(d.className);
    assert.equal(findLayer(d.className), d);
    for (const [k, f] of Object.entries(d.options) as [string, Field][]) assert.ok(f.doc.length > 5, `${d.className}.${k} has a doc line`);
    const layer = d.create({ ...REQUIRED[d.className] });
    assert.equal(layer.className, d.className);
    const config = layer.getConfig();
    assert.deepEqual(d.create(config).getConfig(), config, `${d.className}: fromConfig(getConfig()) round-trips`);
    assert.throws(() => d.create({ ...REQUIRED[d.className], notAnOption: 1 }), new RegExp(`${d.factory}: unknown option 'notAnOption'; known: `));
    if (d.className === 'InputLayer') continue;
    const tf = layerToTfjs(layer);
    const first = Array.isArray(tf) ? tf[0]! : tf;
    assert.equal(first.class_name, d.tfjs.writtenAs ?? d.tfjs.className ?? d.className, `${d.className}: TF.js class name`);
    const back = layerFromTfjs({ class_name: first.class_name, config: { ...first.config, name: layer.name } });
    assert.equal(back.className, d.className);
    assert.deepEqual(d.create(back.config).getConfig(), config, `${d.className}: TF.js round trip`);
  }
});

test('every technique declaration is complete, its example spec round-trips and builds a model that trains a step', async () => {
  assert.equal(TECHNIQUES.length, TECHNIQUE_DEFINITIONS.length);
  for (const t of TECHNIQUES) {
    for (const key of ['title', 'description', 'formula', 'paper', 'typical', 'example', 'api'] as const) assert.ok(t[key].length > 0, `${t.name}.${key}`);
    assert.equal(findTechnique(t.name), t);
    for (const a of t.aliases) assert.equal(findTechnique(a), t);
    // Spec parameters are the target's declared options, with the same defaults.
    const schema = specSchema(t.definition);
    for (const p of t.params) assert.equal(p.default, (schema[p.name] as Field).default ?? p.default, `${t.name}.${p.name} default`);
    const spec = parseNoiseSpec(t.example);
    assert.equal(spec.technique, t);
    const again = parseNoiseSpec(`${t.name}:${Object.entries(spec.params).map(([k, v]) => `${k}=${v}`).join(',')}${spec.where === null ? '' : `@${spec.where}`}`);
    assert.deepEqual(again.params, spec.params, `${t.name}: spec round-trips`);
    // On a dense model (unless it acts on feature maps) and on a small convnet, one training step each.
    // Branch techniques act on residual blocks: a resnet instead.
    const models = t.kind === 'branch' ? [presetSpec('resnet', { inputShape: [8, 8, 1], classes: 3 })] : [...(t.definition.featureMaps ? [] : [presetSpec('mlp', { inputShape: [64], classes: 3, hidden: [8] })]), SMALL_CONVNET];
    for (const base of models) {
      const plan = applyNoiseSpecs([t.example], base, { imageShape: [8, 8] });
      const model = buildModel(plan.model, { backend: createRefBackend() });
      const optimizer = plan.optimizerWrappers.reduce<Optimizer>((inner, w) => optimizerFromConfig(w.className, { ...w.config, optimizer: { className: inner.className, config: inner.getConfig() } }), adam());
      model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
      assert.equal(model.getConfig().layers.length, plan.model.layers.length, t.name);
      const augment = plan.augment.map((a) => augmentationFromConfig(a.className, a.config));
      const history = await model.fit(new Tensor(Float32Array.from({ length: 4 * 64 }, (_, i) => (i % 7) / 7), [4, 64]), [0, 1, 2, 0], { epochs: 1, batchSize: 4, seed: 1, augment, imageShape: [8, 8] });
      assert.ok(Number.isFinite(history.history.loss![0]), `${t.name} on ${base.layers[1]!.className}: a finite loss`);
    }
  }
});

/** Conv 4 3x3 relu, max-pool 2, conv 4 3x3 relu, flatten, softmax: two conv kernel layers and a dense one. */
const SMALL_CONVNET = {
  layers: [
    { className: 'InputLayer', config: { shape: [8, 8, 1] } },
    { className: 'Conv2D', config: { filters: 4, kernelSize: 3, activation: 'relu', padding: 'same' } },
    { className: 'MaxPooling2D', config: {} },
    { className: 'Conv2D', config: { filters: 4, kernelSize: 3, activation: 'relu' } },
    { className: 'Flatten', config: {} },
    { className: 'Dense', config: { units: 3, activation: 'softmax' } },
  ],
};

test('every augmentation and optimizer declaration validates its options and round-trips its config', () => {
  for (const d of AUGMENTATION_DEFINITIONS) {
    const a = d.create({});
    assert.deepEqual(d.create(a.getConfig()).getConfig(), a.getConfig(), d.className);
    assert.throws(() => d.create({ bogus: 1 }), new RegExp(`${d.factory}: unknown option 'bogus'`));
  }
  for (const d of OPTIMIZER_DEFINITIONS) {
    const o = d.wraps ? d.create({}, adam()) : d.create({});
    assert.equal(o.className, d.className);
    const config = o.getConfig();
    assert.deepEqual(optimizerFromConfig(d.className, config).getConfig(), config, d.className);
    assert.throws(() => (d.wraps ? d.create({ lr: 1 }, adam()) : d.create({ lr: 1 })), new RegExp(`${d.factory}: unknown option 'lr'; known: `));
  }
});
