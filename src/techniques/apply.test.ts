import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyNoiseSpecs } from './apply.js';
import { TECHNIQUES } from './catalogue.js';
import { NoiseSpecError } from './spec-error.js';
import { presetSpec } from '../models/presets.js';
import { buildRun } from '../run/build-run.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { clusters } from '../testing/synthetic.js';
import { InvalidArgumentError } from '../errors.js';
import type { ModelSpec } from '../models/model-spec.js';

/** Every technique's example that applies to a dense model (the feature-map ones need a convnet). */
// Branch techniques need residual blocks: src/noise/branch-noise.test.ts places them on a resnet.
const EXAMPLES = TECHNIQUES.filter((t) => !t.definition.featureMaps && t.kind !== 'branch').map((t) => t.example);
const mlp = (hidden = [16, 8]): ModelSpec => presetSpec('mlp', { inputShape: [64], classes: 3, hidden, activation: 'relu' });
const image = { imageShape: [8, 8] as [number, number] };

test('applyNoiseSpecs gives the full layer list, the optimizer wrapper, loss options and augmentations, as data', () => {
  const plan = applyNoiseSpecs(EXAMPLES, mlp(), image);
  assert.deepEqual(plan.model.layers.map((l) => l.className), [
    'InputLayer', 'GaussianNoise', 'GaussianDropout', 'MaskingNoise', 'SaltAndPepperNoise', 'UniformNoise',
    'Dense', 'Dropout', 'AlphaDropout', 'Dense', 'Dropout', 'AlphaDropout', 'Dense',
  ]);
  const denses = plan.model.layers.filter((l) => l.className === 'Dense');
  assert.deepEqual(denses.map((d) => [d.config['units'], d.config['activation']]), [[16, 'relu'], [8, 'relu'], [3, 'softmax']]);
  assert.deepEqual(denses.map((d) => [d.config['weightNoise'], d.config['dropConnect']]), [
    [{ stddev: 0.01 }, { rate: 0.5 }],
    [{ stddev: 0.01 }, { rate: 0.5 }],
    [{ stddev: 0.01 }, undefined],
  ]);
  assert.deepEqual(plan.lossOptions, { labelSmoothing: 0.1 });
  assert.deepEqual(plan.optimizerWrappers, [{ className: 'GradientNoise', config: { eta: 0.3, gamma: 0.55 } }]);
  assert.deepEqual(plan.augment.map((a) => a.className), ['DisturbLabel', 'Mixup', 'Cutout', 'CutMix', 'RandomErasing', 'RandomAffine', 'ElasticDistortion', 'RandAugment', 'TrivialAugment', 'AugMix', 'Adversarial']);
  const placed = applyNoiseSpecs(['dropout:rate=0.2@2', 'gaussian:stddev=0.1@1', 'dropconnect:rate=0.3@output'], mlp());
  assert.deepEqual(placed.model.layers.map((l) => l.className), ['InputLayer', 'Dense', 'GaussianNoise', 'Dense', 'Dropout', 'Dense']);
  assert.deepEqual(placed.model.layers[5]!.config['dropConnect'], { rate: 0.3 });
  assert.equal(applyNoiseSpecs([], mlp([])).model.layers.length, 2);
  assert.equal(mlp().layers.length, 4, 'the spec given is not changed');
});

test('a model built from every spec trains reproducibly from its seed, with noise off in evaluate', async () => {
  const data = clusters(48, 64, 3, 2);
  const settings = { model: 'mlp', hidden: [16, 8], activation: 'relu', noise: [...EXAMPLES, 'gaussian:stddev=0.2->0,schedule=cosine'], optimizer: 'adam', lr: 0.001, momentum: 0 } as const;
  const train = async (seed: number): Promise<{ loss: number[]; e1: number; e2: number }> => {
    const { model: m, fitOptions } = buildRun({ ...settings, hidden: [16, 8], noise: [...settings.noise] }, { inputShape: [64], classes: 3, ...image }, { backend: createRefBackend() });
    const h = await m.fit(data.x, data.y, { epochs: 2, batchSize: 16, seed, ...fitOptions });
    return { loss: h.history.loss!, e1: m.evaluate(data.x, data.y).loss, e2: m.evaluate(data.x, data.y).loss };
  };
  const a = await train(5);
  assert.ok(a.loss.every(Number.isFinite));
  assert.equal(a.e1, a.e2);
  assert.deepEqual(await train(5), a);
  assert.notDeepEqual((await train(6)).loss, a.loss);
});

test('applyNoiseSpecs refuses specs that do not fit the model with one-line NoiseSpecErrors', () => {
  const cases: [string[], ModelSpec, object, string][] = [
    [['cutout:size=8'], mlp(), {}, "noise spec 'cutout:size=8': needs images, but no imageShape [height, width] was given (the inputs have 64 values)"],
    [['elastic:alpha=34,sigma=4'], mlp(), { imageShape: [28, 28] }, "noise spec 'elastic:alpha=34,sigma=4': elastic: images of 28x28 pixels need a multiple of 784 values per sample, the inputs have 64"],
    [['dropout@3'], mlp(), {}, "noise spec 'dropout@3': @3 is past the last of 2 hidden layers"],
    [['dropout@hidden'], mlp([]), {}, "noise spec 'dropout@hidden': the model has no hidden layers"],
    [['weight:stddev=0.1', 'weight:stddev=0.2@1'], mlp(), {}, "noise spec 'weight:stddev=0.2@1': weightNoise is given twice for dense layer 1"],
    [['gradient:eta=1', 'gradient:eta=2'], mlp(), {}, "noise spec 'gradient:eta=2': annealed gradient noise is given twice"],
    [['salt-pepper:rate=0.1,min=1,max=0'], mlp(), {}, "noise spec 'salt-pepper:rate=0.1,min=1,max=0': saltAndPepper: max must be greater than min (1), received 0"],
    [['dropout:rate=2'], mlp(), {}, "noise spec 'dropout:rate=2': rate must be a number >= 0 and < 1, received 2"],
  ];
  for (const [specs, model, options, message] of cases) {
    assert.throws(() => applyNoiseSpecs(specs, model, options), (e: Error) => e instanceof NoiseSpecError && e instanceof InvalidArgumentError && e.message === message, message);
  }
});
