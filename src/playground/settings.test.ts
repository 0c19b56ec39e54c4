/** The playground's URL hash: a link reproduces the settings; a bad one is refused whole, naming each problem. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, PlaygroundSettingsError, checkSettings, modelNames, settingsFromHash, settingsToHash } from './settings.js';
import { TECHNIQUES } from '../techniques/index.js';

test('settings survive the hash, specs readable in it', () => {
  const s = { ...DEFAULT_SETTINGS, dataset: 'fashion-mnist', trainSize: 2000, epochs: 30, lr: 0.0005, seed: 7, noise: ['gaussian:stddev=0.3->0,schedule=cosine', 'dropout:rate=0.5@hidden'] };
  const hash = settingsToHash(s, { autorun: true });
  assert.equal(hash, '#dataset=fashion-mnist&model=mlp&train=2000&epochs=30&lr=0.0005&batch=32&seed=7&noise=gaussian:stddev=0.3->0,schedule=cosine&noise=dropout:rate=0.5@hidden&autorun=1');
  assert.deepEqual(settingsFromHash(hash), { ...s, autorun: true });
  assert.deepEqual(settingsFromHash('#epochs=3'), { ...DEFAULT_SETTINGS, epochs: 3 });
  assert.equal(settingsFromHash(''), null);
  const regression = { ...DEFAULT_SETTINGS, task: 'regression' as const, loss: 'meanAbsoluteError' as const };
  assert.equal(settingsToHash(regression), '#dataset=mnist-mini&model=mlp&train=1000&epochs=20&lr=0.001&loss=meanAbsoluteError&task=regression&batch=32&seed=1&noise=gaussian:stddev=0.3');
  assert.deepEqual(settingsFromHash(settingsToHash(regression)), regression);
  assert.equal(settingsFromHash('#'), null);
});

test('a hash with unknown or out-of-range settings is refused whole, every problem named', () => {
  const problems = (hash: string): readonly string[] => {
    try {
      settingsFromHash(hash);
    } catch (e) {
      assert.ok(e instanceof PlaygroundSettingsError);
      assert.equal(e.message, `settings: ${e.problems.join('; ')}`);
      return e.problems;
    }
    assert.fail(`${hash} was accepted`);
  };
  assert.deepEqual(problems('#epochs=1000&colour=red&lr=abc'), [
    "unknown setting 'colour' (known: dataset, model, train, epochs, optimizer, lr, loss, task, batch, seed, noise, autorun, backend)",
    'epochs must be an integer from 1 to 200, received 1000',
    'lr must be a number from 0.000001 to 1, received no number',
  ]);
  assert.deepEqual(problems('#dataset=custom&train=5&epochs=2&epochs=3&autorun=yes'), [
    'setting \'epochs\' is given twice',
    'autorun must be 0 or 1, received "yes"',
    'dataset must be one of mnist-mini, fashion-mnist, received "custom"',
    'trainSize must be an integer from 10 to 60000, received 5',
  ]);
  assert.deepEqual(problems('#noise=gausian&noise=dropout:rate=2&noise=mixup'), [
    'noise must be 1 or 2 techniques, received 3',
    `noise spec 'gausian': unknown technique 'gausian'; known: ${TECHNIQUES.map((t) => t.name).join(', ')}`,
    "noise spec 'dropout:rate=2': rate must be a number >= 0 and < 1, received 2",
    // mixup itself is fine
  ]);
  assert.deepEqual(problems('#task=ranking'), ['task must be one of auto, classification, binary, regression, received "ranking"']);
  assert.deepEqual(problems('#model=vgg16&seed=-1'), [`model must be one of ${modelNames().join(', ')}, received "vgg16"`, 'seed must be an integer from 0 to 4294967295, received -1']);
});

test('checkSettings accepts what the form makes and names what it cannot use', () => {
  assert.equal(checkSettings({ ...DEFAULT_SETTINGS, dataset: 'custom' }).dataset, 'custom');
  assert.throws(() => checkSettings({ ...DEFAULT_SETTINGS, noise: [] }), { name: 'PlaygroundSettingsError', message: 'settings: noise must be 1 or 2 techniques, received 0' });
});

test('the backend choice travels in the hash when it is not auto, and an unknown one is refused', () => {
  const s = { ...DEFAULT_SETTINGS, backend: 'webgpu' as const };
  const hash = settingsToHash(s);
  assert.match(hash, /&backend=webgpu$/);
  assert.deepEqual(settingsFromHash(hash), s);
  assert.doesNotMatch(settingsToHash(DEFAULT_SETTINGS), /backend/);
  assert.equal(settingsFromHash('#epochs=3')!.backend, 'auto');
  assert.equal(settingsFromHash('#backend=wasm')!.backend, 'wasm');
  assert.throws(() => settingsFromHash('#backend=webgl'), { name: 'PlaygroundSettingsError', message: 'settings: backend must be one of auto, wasm, webgpu, received "webgl"' });
});
