import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRun } from './build-run.js';
import { ModelSpecError } from '../models/model-spec.js';
import { noiseSpecsFromFlags } from '../cli/build-model.js';
import type { Dense } from '../layers/dense.js';
import type { GradientNoise } from '../optimizers/gradient-noise.js';

const article = { model: 'mlp', hidden: [128, 64], activation: 'relu', optimizer: 'adam', lr: 0.001, momentum: 0 } as const;
const mnist = { inputShape: [784], classes: 10, imageShape: [28, 28] as [number, number] };
const run = (settings: Partial<Omit<Parameters<typeof buildRun>[0], 'noise'>>, noise: string[], data = mnist) => buildRun({ ...article, hidden: [...article.hidden], ...settings, noise }, data);

test("the default run is the article's: noise 0.1, 128 relu, 64 relu, 10 softmax, Adam 0.001", () => {
  const { model, fitOptions, specs } = run({}, noiseSpecsFromFlags(undefined, undefined));
  assert.deepEqual(specs.map((s) => s.text), ['gaussian:stddev=0.1']);
  assert.deepEqual(model.getConfig().layers.map((l) => [l.className, l.config['units'] ?? l.config['stddev'] ?? l.config['shape'], l.config['activation']]), [
    ['InputLayer', [784], undefined],
    ['GaussianNoise', 0.1, undefined],
    ['Dense', 128, 'relu'],
    ['Dense', 64, 'relu'],
    ['Dense', 10, 'softmax'],
  ]);
  assert.equal(model.params().reduce((n, p) => n + p.value.length, 0), 109_386);
  assert.deepEqual([model.optimizer?.className, model.optimizer?.learningRate, model.loss?.name, model.metrics], ['Adam', 0.001, 'sparseCategoricalCrossentropy', ['accuracy']]);
  assert.deepEqual(fitOptions, { augment: [], imageShape: [28, 28] });
});

test('--noise-stddev is the gaussian shorthand; --noise alone adds no default noise', () => {
  assert.deepEqual(noiseSpecsFromFlags(undefined, 0), []);
  assert.deepEqual(noiseSpecsFromFlags(undefined, 0.3), ['gaussian:stddev=0.3']);
  assert.deepEqual(noiseSpecsFromFlags(['dropout@hidden'], undefined), ['dropout@hidden']);
  assert.deepEqual(noiseSpecsFromFlags([], undefined), ['gaussian:stddev=0.1']);
  // The article's default noise belongs to the article's model: the convnet and spec files keep their own.
  assert.deepEqual(noiseSpecsFromFlags(undefined, undefined, 'convnet'), []);
  assert.deepEqual(noiseSpecsFromFlags(undefined, undefined, { layers: [] }), []);
  assert.deepEqual(noiseSpecsFromFlags(undefined, 0.2, 'convnet'), ['gaussian:stddev=0.2']);
  assert.deepEqual(noiseSpecsFromFlags(['mixup', 'cutout'], 0.2), ['gaussian:stddev=0.2', 'mixup', 'cutout']);
  const model = run({ hidden: [], activation: 'tanh' }, [], { inputShape: [4], classes: 3, imageShape: undefined as never }).model;
  assert.deepEqual(model.layers.map((l) => l.className), ['InputLayer', 'Dense']);
  assert.deepEqual(model.outputShape, [3]);
});

test('techniques reach the layers, the optimizer, the loss and fit', () => {
  const specs = ['dropout:rate=0.5@hidden', 'weight:stddev=0.01', 'gradient:eta=0.3', 'label-smoothing:epsilon=0.1', 'mixup:alpha=0.2', 'cutout:size=8'];
  const { model, fitOptions } = run({ optimizer: 'sgd', lr: 0.05, momentum: 0.9 }, specs);
  assert.deepEqual(model.layers.map((l) => l.className), ['InputLayer', 'Dense', 'Dropout', 'Dense', 'Dropout', 'Dense']);
  assert.deepEqual((model.layers[5] as Dense).getConfig()['weightNoise'], { stddev: 0.01 });
  const opt = model.optimizer as GradientNoise;
  assert.deepEqual([opt.className, opt.inner.className, opt.inner.learningRate], ['GradientNoise', 'SGD', 0.05]);
  assert.equal(model.loss?.getConfig()['labelSmoothing'], 0.1);
  assert.deepEqual(fitOptions.augment?.map((a) => a.name), ['mixup', 'cutout']);
  assert.throws(() => run({}, ['dropout:rate=2']), { name: 'NoiseSpecError', message: "noise spec 'dropout:rate=2': rate must be a number >= 0 and < 1, received 2" });
});

test("a model spec that does not build is reported with the spec's own layer indices, whatever noise is inserted", () => {
  const spec = { layers: [
    { className: 'InputLayer', config: { shape: [28, 28, 1] } },
    { className: 'Conv2D', config: { filters: 4, kernelSize: 30 } },
    { className: 'Flatten', config: {} },
    { className: 'Dense', config: { units: 10, activation: 'softmax' } },
  ] };
  const images = { inputShape: [28, 28, 1], classes: 10, imageShape: [28, 28] as [number, number] };
  for (const noise of [[], ['gaussian:stddev=0.1'], ['gaussian:stddev=0.1', 'dropout:rate=0.2']]) {
    assert.throws(() => run({ model: spec }, noise, images), (e: Error) => e instanceof ModelSpecError && /^model spec: layers\[1\]: Conv2D 'conv2d': a 30x30 kernel/.test(e.message), `noise ${noise.join(' ')}`);
  }
});
