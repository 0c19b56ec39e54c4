/**
 * A preset's own noise (the convnet's Dropout 0.5) is a noise technique of the preset: `train`
 * builds the preset as declared, while a comparison's runs (compare, sweep, the playground) keep
 * it only when the noise list says `preset`, so their baseline trains without any noise.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRESET_NOISE, buildRun, splitPresetNoise } from './build-run.js';
import { presetSpec, withOwnNoiseName } from '../models/presets.js';
import { specRunFactory, validateNoiseSpec } from '../experiments/spec-run-factory.js';
import { parseExperimentConfig } from '../experiments/config-parse.js';
import { InvalidArgumentError } from '../errors.js';
import { parseSweepConfig } from '../sweep/sweep-config-parse.js';
import { planSweep } from '../sweep/plan.js';

const convnet = { model: 'convnet', hidden: [], activation: 'relu', optimizer: 'adam', lr: 0.001, momentum: 0 } as const;
const mnist = { inputShape: [28, 28, 1], classes: 10, imageShape: [28, 28] as [number, number] };
const classes = (noise: string[], presetNoise?: 'declared' | 'listed'): string[] =>
  buildRun({ ...convnet, hidden: [], noise }, mnist, presetNoise ? { presetNoise } : {}).model.getConfig().layers.map((l) => l.className);

test('the convnet preset holds its Dropout 0.5 unless built without its own noise', () => {
  assert.ok(presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10 }).layers.some((l) => l.className === 'Dropout'));
  assert.ok(!presetSpec('convnet', { inputShape: [28, 28, 1], classes: 10, ownNoise: false }).layers.some((l) => l.className === 'Dropout'));
  assert.equal(withOwnNoiseName('convnet'), 'convnet with its dropout');
  assert.equal(withOwnNoiseName('mlp'), null);
});

test('train builds the preset as declared; a comparison keeps its dropout only when the noise lists preset', () => {
  assert.deepEqual(classes([]), ['InputLayer', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dropout', 'Dense']);
  assert.ok(!classes([], 'listed').includes('Dropout'), 'the baseline of a comparison has no noise');
  assert.ok(classes([PRESET_NOISE], 'listed').includes('Dropout'), '"convnet with its dropout"');
  const both = classes([PRESET_NOISE, 'gaussian:stddev=0.1'], 'listed');
  assert.deepEqual([both.includes('Dropout'), both.includes('GaussianNoise')], [true, true]);
  assert.deepEqual(splitPresetNoise('convnet', ['preset', 'gaussian:stddev=0.1'], 'listed'), { specs: ['gaussian:stddev=0.1'], ownNoise: true });
  assert.deepEqual(splitPresetNoise('convnet', ['gaussian:stddev=0.1'], 'listed'), { specs: ['gaussian:stddev=0.1'], ownNoise: false });
});

test('the comparison run factory builds the baseline without the preset\'s dropout', () => {
  const config = parseExperimentConfig({ model: 'convnet', configurations: [{ name: 'baseline', noise: [] }, { name: 'convnet with its dropout', noise: ['preset'] }] }, 'exp.json', { validateNoise: validateNoiseSpec });
  const factory = specRunFactory();
  const layers = (i: number): string[] => {
    const run = factory({ configuration: config.configurations[i]!, seed: 1, config, inputShape: [28, 28, 1], classes: 10, imageShape: [28, 28] }) as { model: { getConfig(): { layers: { className: string }[] } } };
    return run.model.getConfig().layers.map((l) => l.className);
  };
  assert.ok(!layers(0).includes('Dropout'));
  assert.ok(layers(1).includes('Dropout'));
});

test('preset on a model without noise of its own is refused, naming the model', () => {
  assert.throws(() => splitPresetNoise('mlp', ['preset'], 'listed'), (e: unknown) => e instanceof InvalidArgumentError && e.message === "noise spec 'preset': keeps a preset's own noise, but the mlp preset has none (presets with noise of their own: convnet)");
  assert.throws(() => splitPresetNoise({ layers: [] }, ['preset'], 'declared'), /a model spec file has none/);
  assert.doesNotThrow(() => validateNoiseSpec('preset'));
});

test('a sweep axis keeps the convnet\'s dropout with preset; its baseline has none', async () => {
  const config = parseSweepConfig({ model: 'convnet', dataset: 'mnist-mini', epochs: 1, seeds: 1, search: { techniques: ['preset gaussian:stddev={0.1,0.2}'] } }, 'test');
  const plan = await planSweep(config);
  assert.deepEqual(plan.groups.map((g) => [g.configuration, g.noise, g.level]), [
    ['baseline', [], null],
    ['preset + gaussian:stddev=0.1', ['preset', 'gaussian:stddev=0.1'], 0.1],
    ['preset + gaussian:stddev=0.2', ['preset', 'gaussian:stddev=0.2'], 0.2],
  ]);
  const layers = (noise: string[]): string[] => buildRun({ ...convnet, hidden: [], noise }, mnist, { presetNoise: 'listed' }).model.getConfig().layers.map((l) => l.className);
  assert.ok(!layers(plan.groups[0]!.noise).includes('Dropout'));
  assert.ok(layers(plan.groups[1]!.noise).includes('Dropout'));
});
