import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyNoiseSpecs } from './apply.js';
import { TECHNIQUES } from './catalogue.js';
import { sequential } from '../../models/sequential.js';
import { adam } from '../../optimizers/adam.js';
import { sparseCategoricalCrossentropy } from '../../losses/index.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import { clusters } from '../../testing/synthetic.js';
import type { Dense } from '../../layers/dense.js';
import type { GradientNoise } from '../../optimizers/gradient-noise.js';

const EXAMPLES = TECHNIQUES.map((t) => t.example);
const model = { inputSize: 64, classes: 3, hidden: [16, 8], activation: 'relu', imageShape: [8, 8] } as const;
const opts = { ...model, hidden: [...model.hidden], imageShape: [8, 8] as [number, number] };

test('applyNoiseSpecs builds the full layer list, the optimizer wrapper, loss options and augmentations', () => {
  const plan = applyNoiseSpecs(EXAMPLES, opts);
  assert.deepEqual(plan.layers.map((l) => l.className), [
    'InputLayer', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'MaskingNoise', 'SaltAndPepperNoise', 'UniformNoise',
    'Dense', 'Dropout', 'Dense', 'Dropout', 'Dense',
  ]);
  const denses = plan.layers.filter((l) => l.className === 'Dense') as Dense[];
  assert.deepEqual(denses.map((d) => [d.units, d.activation]), [[16, 'relu'], [8, 'relu'], [3, 'softmax']]);
  assert.deepEqual(denses.map((d) => [d.getConfig()['weightNoise'], d.getConfig()['dropConnect']]), [
    [{ stddev: 0.01 }, { rate: 0.5 }],
    [{ stddev: 0.01 }, { rate: 0.5 }],
    [{ stddev: 0.01 }, undefined],
  ]);
  assert.deepEqual(plan.lossOptions, { labelSmoothing: 0.1 });
  const opt = plan.optimizerWrapper!(adam()) as GradientNoise;
  assert.deepEqual([opt.className, opt.eta, opt.gamma, opt.inner.className], ['GradientNoise', 0.3, 0.55, 'Adam']);
  assert.deepEqual(plan.augment.map((a) => a.name), ['disturbLabel', 'mixup', 'cutout', 'randomAffine', 'elastic']);
  const placed = applyNoiseSpecs(['dropout:rate=0.2@2', 'gaussian:stddev=0.1@1', 'dropconnect:rate=0.3@output'], opts);
  assert.deepEqual(placed.layers.map((l) => l.className), ['InputLayer', 'Dense', 'GaussianNoise', 'Dense', 'Dropout', 'Dense']);
  assert.deepEqual((placed.layers[5] as Dense).getConfig()['dropConnect'], { rate: 0.3 });
  assert.equal(applyNoiseSpecs([], { ...opts, hidden: [] }).layers.length, 2);
});

test('a model built from every spec trains reproducibly from its seed, with noise off in evaluate', async () => {
  const data = clusters(48, 64, 3, 2);
  const train = async (seed: number): Promise<{ loss: number[]; e1: number; e2: number }> => {
    const plan = applyNoiseSpecs([...EXAMPLES, 'gaussian:stddev=0.2->0,schedule=cosine'], opts);
    const m = sequential(plan.layers, { backend: createRefBackend() });
    m.compile({ optimizer: plan.optimizerWrapper!(adam()), loss: sparseCategoricalCrossentropy(plan.lossOptions) });
    const h = await m.fit(data.x, data.y, { epochs: 2, batchSize: 16, seed, augment: plan.augment });
    return { loss: h.history.loss!, e1: m.evaluate(data.x, data.y).loss, e2: m.evaluate(data.x, data.y).loss };
  };
  const a = await train(5);
  assert.ok(a.loss.every(Number.isFinite));
  assert.equal(a.e1, a.e2);
  assert.deepEqual(await train(5), a);
  assert.notDeepEqual((await train(6)).loss, a.loss);
});

test('applyNoiseSpecs refuses specs that do not fit the model with one-line errors', () => {
  const cases: [string[], object, string][] = [
    [['cutout:size=8'], { imageShape: undefined }, "noise spec 'cutout:size=8': needs images, but no imageShape [height, width] was given (the inputs have 64 values)"],
    [['elastic:alpha=34,sigma=4'], { imageShape: [28, 28] }, "noise spec 'elastic:alpha=34,sigma=4': elastic: images of 28x28 pixels need a multiple of 784 values per sample, the inputs have 64"],
    [['dropout@3'], {}, "noise spec 'dropout@3': @3 is past the last of 2 hidden layers"],
    [['dropout@hidden'], { hidden: [] }, "noise spec 'dropout@hidden': the model has no hidden layers"],
    [['weight:stddev=0.1', 'weight:stddev=0.2@1'], {}, "noise spec 'weight:stddev=0.2@1': weightNoise is given twice for dense layer 1"],
    [['gradient:eta=1', 'gradient:eta=2'], {}, "noise spec 'gradient:eta=2': gradient noise is given twice"],
    [['salt-pepper:rate=0.1,min=1,max=0'], {}, "noise spec 'salt-pepper:rate=0.1,min=1,max=0': saltAndPepper: max must be greater than min (1), received 0"],
    [['dropout:rate=2'], {}, "noise spec 'dropout:rate=2': rate must be a number >= 0 and < 1, received 2"],
  ];
  for (const [specs, override, message] of cases) {
    assert.throws(() => applyNoiseSpecs(specs, { ...opts, ...override }), (e: Error) => e.name === 'InvalidArgumentError' && e.message === message, message);
  }
  assert.throws(() => applyNoiseSpecs([], { ...opts, activation: 'swish' as never }), /applyNoiseSpecs: activation must be one of/);
});
