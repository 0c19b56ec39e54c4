import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configJson, parseExperimentConfig } from './config-parse.js';
import { readExperimentConfig } from './node/read-config.js';
import { CONFIG_DEFAULTS, ExperimentConfigError } from './config.js';

/** A stand-in for the noise spec parser: knows `gaussian:<stddev>` and `dropout:<rate>` only. */
function validateNoise(spec: string): void {
  const [name, value] = spec.split(':');
  if (name !== 'gaussian' && name !== 'dropout') throw new Error(`unknown technique '${name}' (known: gaussian, dropout)`);
  if (!(Number(value) >= 0)) throw new Error(`parameter must be a number >= 0, received '${value}'`);
}

test('defaults fill every field; a seed count becomes seeds 1..N', () => {
  const c = parseExperimentConfig({ configurations: [{ name: 'baseline' }, { name: 'g', noise: ['gaussian:0.1'] }], seeds: 2 }, 'exp.json', { validateNoise });
  assert.deepEqual(c.seeds, [1, 2]);
  assert.equal(c.baseline, 'baseline');
  assert.equal(c.epochs, CONFIG_DEFAULTS.epochs);
  assert.deepEqual(c.hidden, [128, 64]);
  assert.deepEqual(c.robustness, { stddevs: [0, 0.1, 0.2, 0.3, 0.5], draws: 3, seed: 0, clip: false });
  assert.deepEqual(c.configurations[0], { name: 'baseline', noise: [] });
  assert.equal(parseExperimentConfig({ optimizer: 'sgd' }, 'x').lr, 0.01);
  assert.deepEqual(parseExperimentConfig({ hidden: [] }, 'x').hidden, []);
});

test('a written config reads back to the same object', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-config-'));
  const c = parseExperimentConfig({ name: 'x', trainSize: 500, valSize: 200, configurations: [{ name: 'a' }, { name: 'b', noise: ['dropout:0.2'] }], baseline: 'b', robustness: { stddevs: [0, 1], samples: 100 } }, 'x');
  await writeFile(join(dir, 'c.json'), configJson(c));
  assert.deepEqual(await readExperimentConfig(join(dir, 'c.json'), { validateNoise }), c);
});

test('errors name the file, the field and the reason', () => {
  const cases: [unknown, RegExp][] = [
    [{ epcohs: 3 }, /^exp\.json: epcohs: unknown field \(known: name, model, dataset, .*\)$/],
    [{ epochs: 0 }, /^exp\.json: epochs: must be an integer >= 1 and <= 10000, received 0$/],
    [{ lr: -1 }, /^exp\.json: lr: must be a number > 0, received -1$/],
    [{ dataset: 'cifar' }, /^exp\.json: dataset: must be one of mnist, fashion-mnist, mnist-mini, received "cifar"$/],
    [{ seeds: [1, 1] }, /^exp\.json: seeds: must be distinct/],
    [{ configurations: [{ name: 'a', noise: ['gausian:0.1'] }] }, /^exp\.json: configurations\[0\]\.noise\[0\]: "gausian:0\.1": unknown technique 'gausian' \(known: gaussian, dropout\)$/],
    [{ configurations: [{ name: 'a', noise: ['gaussian:x'] }] }, /^exp\.json: configurations\[0\]\.noise\[0\]: "gaussian:x": parameter must be a number >= 0/],
    [{ configurations: [{ name: 'a' }, { name: 'a' }] }, /^exp\.json: configurations\[1\]\.name: duplicates configurations\[0\]\.name "a"$/],
    [{ configurations: [{ name: 'a b' }, { name: 'a_b' }] }, /configurations\[1\]\.name: "a_b" and "a b" would share the CSV file name a_b-seed\*\.csv/],
    [{ configurations: [{ name: 'a', extra: 1 }] }, /^exp\.json: configurations\[0\]\.extra: unknown field \(known: name, noise\)$/],
    [{ configurations: [] }, /^exp\.json: configurations: must be a non-empty list, received \[\]$/],
    [{ baseline: 'zzz' }, /^exp\.json: baseline: must name one of the configurations \(baseline\), received "zzz"$/],
    [{ robustness: { stddevs: [0, -1] } }, /^exp\.json: robustness\.stddevs\[1\]: must be a number >= 0, received -1$/],
    [{ robustness: { clip: 'yes' } }, /^exp\.json: robustness\.clip: must be true or false, received "yes"$/],
    [[1, 2], /^exp\.json: \(top level\): must be a JSON object, received \[1,2\]$/],
  ];
  for (const [raw, message] of cases) {
    assert.throws(() => parseExperimentConfig(raw, 'exp.json', { validateNoise }), (err: unknown) => {
      assert.ok(err instanceof ExperimentConfigError, `${JSON.stringify(raw)}: ${String(err)}`);
      assert.match(err.message, message);
      return true;
    });
  }
});

test('invalid JSON and a missing file are reported with the file name, line and column', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-config-'));
  const file = join(dir, 'bad.json');
  await writeFile(file, '{\n  "epochs": 3,\n  "seeds": [1, 2,]\n}\n');
  await assert.rejects(readExperimentConfig(file), (err: Error) => {
    assert.ok(err instanceof ExperimentConfigError);
    assert.match(err.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 3, column 18: invalid JSON: expected a value, found "]"$`));
    return true;
  });
  await writeFile(file, '{"epochs": 3');
  await assert.rejects(readExperimentConfig(file), /bad\.json: line 1, column 13: invalid JSON: expected ',' or '}', found the end of the file$/);
  await writeFile(file, '{"epochs": 3}\n{');
  await assert.rejects(readExperimentConfig(file), /bad\.json: line 2, column 1: invalid JSON: expected the end of the text, found "\{"$/);
  await assert.rejects(readExperimentConfig(join(dir, 'missing.json')), /missing\.json: \(file\): cannot be read \(ENOENT\)/);
});

test("a results.json reads as its experiment's config", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-config-'));
  const c = parseExperimentConfig({ name: 'x', seeds: 2, configurations: [{ name: 'a' }, { name: 'b', noise: ['dropout:0.2'] }] }, 'x');
  await writeFile(join(dir, 'results.json'), JSON.stringify({ format: 'noisenet-compare', version: 1, status: 'complete', config: c, runs: [] }));
  assert.deepEqual(await readExperimentConfig(join(dir, 'results.json'), { validateNoise }), c);
  await writeFile(join(dir, 'results.json'), JSON.stringify({ format: 'noisenet-compare', runs: [] }));
  await assert.rejects(readExperimentConfig(join(dir, 'results.json')), /results\.json: config: missing: a results\.json must hold the experiment's config$/);
});

test('every registered optimizer is a config choice; its options are checked against its declaration', () => {
  for (const optimizer of ['adam', 'sgd', 'rmsprop', 'adamw']) assert.equal(parseExperimentConfig({ optimizer }, 'x').optimizer, optimizer);
  assert.equal(parseExperimentConfig({ optimizer: 'rmsprop' }, 'x').lr, 0.001);
  assert.deepEqual(parseExperimentConfig({ optimizer: 'adamw', optimizerOptions: { weightDecay: 0.01 } }, 'x').optimizerOptions, { weightDecay: 0.01 });
  assert.equal(parseExperimentConfig({ loss: 'meanSquaredError' }, 'x').loss, 'meanSquaredError');
  const fails: [unknown, string][] = [
    [{ optimizer: 'adagrad' }, 'x: optimizer: must be one of adam, sgd, rmsprop, adamw, received "adagrad"'],
    [{ optimizerOptions: { weightDecay: 0.01 } }, 'x: optimizerOptions.weightDecay: not an option of adam (its options: beta1, beta2, epsilon)'],
    [{ optimizer: 'sgd', optimizerOptions: { nesterov: 'yes' } }, 'x: optimizerOptions.nesterov: must be true or false, received "yes"'],
    [{ optimizer: 'rmsprop', optimizerOptions: { rho: 1 } }, 'x: optimizerOptions.rho: must be a number >= 0 and < 1, received 1'],
    [{ momentum: 1 }, 'x: momentum: must be a number >= 0 and < 1, received 1'],
    [{ loss: 'hinge' }, 'x: loss: must be one of sparseCategoricalCrossentropy, categoricalCrossentropy, meanSquaredError, meanAbsoluteError, huber, binaryCrossentropy, received "hinge"'],
  ];
  for (const [raw, message] of fails) assert.throws(() => parseExperimentConfig(raw, 'x'), (e: Error) => e instanceof ExperimentConfigError && e.message === message, message);
});
