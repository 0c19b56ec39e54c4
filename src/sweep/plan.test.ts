import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExperimentConfigError } from '../experiments/config.js';
import { parseSweepConfig } from './sweep-config-parse.js';
import { planSweep, runSettings } from './plan.js';
import { canonicalJson, runId } from './run-id.js';
import { rangeLevels } from './axis-levels.js';
import { RUN_LIMITS } from '../run/run-limits.js';

const base = { dataset: 'mnist-mini', epochs: 1, seeds: 2 };

test('a search space expands to a baseline and every level of every technique, once per seed, seed by seed', async () => {
  const config = parseSweepConfig({ ...base, search: { techniques: ['gaussian:stddev={0.1,0.2}', { spec: 'dropout@hidden', param: 'rate', range: { from: 0.1, to: 0.5, points: 3 } }] } }, 'test');
  const plan = await planSweep(config);
  assert.deepEqual(plan.groups.map((g) => g.configuration), ['baseline', 'gaussian:stddev=0.1', 'gaussian:stddev=0.2', 'dropout:rate=0.1@hidden', 'dropout:rate=0.3@hidden', 'dropout:rate=0.5@hidden']);
  assert.deepEqual(plan.groups.map((g) => g.level), [null, 0.1, 0.2, 0.1, 0.3, 0.5]);
  assert.deepEqual(plan.runs.map((r) => r.seed), [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
  assert.equal(new Set(plan.runs.map((r) => r.id)).size, 12);
  assert.deepEqual(plan.runs[4]!.settings.noise, ['dropout:rate=0.3@hidden']);
  assert.deepEqual(rangeLevels({ from: 0.001, to: 0.1, points: 3, scale: 'log' }), [0.001, 0.01, 0.1]);
  assert.deepEqual(rangeLevels({ from: 0, to: 0.5, points: 6, scale: 'linear' }), [0, 0.1, 0.2, 0.3, 0.4, 0.5]);
});

test('run ids are the hash of the canonical settings: stable, independent of key order and of the sweep, changed by any setting', async () => {
  const config = parseSweepConfig({ ...base, search: { techniques: ['gaussian:stddev={0.1}'] } }, 'test');
  const a = await planSweep(config);
  const b = await planSweep(parseSweepConfig({ seeds: 2, epochs: 1, dataset: 'mnist-mini', name: 'another name', search: { techniques: ['gaussian:stddev={0.1}'] } }, 'test'));
  assert.deepEqual(a.runs.map((r) => r.id), b.runs.map((r) => r.id));
  assert.equal(a.configHash, b.configHash, 'the name is not part of the config hash');
  assert.match(a.runs[0]!.id, /^[0-9a-f]{16}$/);
  assert.equal(a.runs[0]!.id, await runId(JSON.parse(JSON.stringify(a.runs[0]!.settings))));
  assert.equal(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] }), '{"a":[1,{"c":3,"d":2}],"b":1}');
  const c = await planSweep(parseSweepConfig({ ...base, lr: 0.01, search: { techniques: ['gaussian:stddev={0.1}'] } }, 'test'));
  assert.ok(c.runs.every((r, i) => r.id !== a.runs[i]!.id), 'another learning rate gives other ids');
  assert.notEqual(c.configHash, a.configHash);
});

test('models and training-set sizes make cells, each with its own baseline; a sample keeps K points and every baseline', async () => {
  const config = parseSweepConfig({ ...base, seeds: 1, search: { techniques: ['gaussian:stddev={0.1,0.3}'], models: [{ name: 'small', hidden: [16] }, { name: 'wide', hidden: [256] }], trainSizes: [500, 1000] } }, 'test');
  const plan = await planSweep(config);
  assert.equal(plan.groups.length, 12);
  assert.deepEqual(plan.groups.slice(0, 3).map((g) => g.configuration), ['baseline [small, n=500]', 'gaussian:stddev=0.1 [small, n=500]', 'gaussian:stddev=0.3 [small, n=500]']);
  const wide = plan.runs.find((r) => r.configuration === 'gaussian:stddev=0.3 [wide, n=1000]')!;
  assert.deepEqual([wide.settings.hidden, wide.settings.trainSize], [[256], 1000]);
  assert.deepEqual(runSettings(config, plan.groups[0]!, 7).hidden, [16]);
  const sampled = parseSweepConfig({ ...config, search: { ...config.search, sample: { count: 3, seed: 5 } } }, 'test');
  const s1 = await planSweep(sampled);
  const s2 = await planSweep(sampled);
  assert.equal(s1.groups.filter((g) => g.axis !== null).length, 3);
  assert.equal(s1.groups.filter((g) => g.axis === null).length, 4);
  assert.deepEqual(s1.groups, s2.groups, 'the same seed draws the same sample');
});

test('bad search spaces are refused before any run with the source, the field and the reason', () => {
  const cases: [unknown, string][] = [
    [{ ...base }, 'test: search: must be a JSON object, received nothing'],
    [{ ...base, search: { techniques: [] } }, 'test: search.techniques: must be a non-empty list of techniques to sweep (the search space is empty), received []'],
    [{ ...base, search: { techniques: ['dropout:rate={0.5,1}'] } }, "test: search.techniques[0]: noise spec 'dropout:rate={0.5,1}': dropout:rate=1: rate must be a number >= 0 and < 1, received 1"],
    [{ ...base, search: { techniques: [{ spec: 'dropout', param: 'rate', levels: [0.2, 1.5] }] } }, 'rate must be a number >= 0 and < 1, received 1.5'],
    [{ ...base, search: { techniques: [{ spec: 'dropout', param: 'p', levels: [0.2] }] } }, 'test: search.techniques[0].param: must be a numeric parameter of dropout (rate), received "p"'],
    [{ ...base, search: { techniques: [{ spec: 'dropout:rate=0.2', param: 'rate', levels: [0.3] }] } }, 'rate is both set in "dropout:rate=0.2" and swept'],
    [{ ...base, search: { techniques: [{ spec: 'weight', param: 'stddev', range: { from: 0, to: 0.1, points: 3, scale: 'log' } }] } }, 'a log range needs from and to > 0'],
    [{ ...base, search: { techniques: [{ spec: 'weight', param: 'stddev', range: { from: 0.1, to: 0.1, points: 3 } }] } }, 'spans nothing'],
    [{ ...base, search: { techniques: [{ spec: 'weight', param: 'stddev', levels: [0.1], range: { from: 0.1, to: 0.2, points: 2 } }] } }, 'needs exactly one of levels'],
    [{ ...base, search: { techniques: ['gaussian:stddev={0.1,0.2}', 'gaussian:stddev={0.2,0.3}'] } }, 'contradictory: the configuration "gaussian:stddev=0.2" comes from search.techniques[0] and [1]'],
    [{ ...base, search: { techniques: ['gaussian:stddev={0.1,0.2}'], sample: { count: 3 } } }, 'test: search.sample.count: must be at most 2 (the points of the grid), received 3'],
    [{ ...base, trainSize: 100, search: { techniques: ['gaussian:stddev={0.1}'], trainSizes: [100, 200] } }, 'contradictory: search.trainSizes gives the training-set sizes'],
    [{ ...base, configurations: [], search: { techniques: ['gaussian'] } }, 'a sweep takes its configurations from search.techniques'],
    [{ ...base, search: { techniques: ['gaussian'], models: [{ name: 'x', hidden: [0] }] } }, 'test: search.models[0].hidden[0]: must be an integer >= 1 and <= 65536, received 0'],
    [{ ...base, search: { techniques: ['gaussian'], colors: 1 } }, 'test: search.colors: unknown field'],
  ];
  for (const [raw, message] of cases) {
    assert.throws(() => parseSweepConfig(raw, 'test'), (e: unknown) => e instanceof ExperimentConfigError && e.message.includes(message) && !e.message.includes('\n'), message);
  }
});

test('search spaces past the run limits are refused before they are expanded, naming the limit', () => {
  const max = RUN_LIMITS.configurations;
  const cases: [unknown, string][] = [
    [{ ...base, search: { techniques: [{ spec: 'gaussian', param: 'stddev', range: { from: 0, to: 1, points: 1e9 } }] } }, `test: search.techniques[0].range.points: must be at most ${max}, received 1000000000`],
    [{ ...base, search: { techniques: [{ spec: 'gaussian', param: 'stddev', levels: Array.from({ length: 100_000 }, (_, i) => i / 1e6) }] } }, `test: search.techniques[0].levels: must hold at most ${max} items, received 100000`],
    [{ ...base, search: { techniques: Array.from({ length: 2000 }, () => 'gaussian') } }, `test: search.techniques: must hold at most ${max} items, received 2000`],
    [{ ...base, search: { techniques: [{ spec: 'gaussian', param: 'stddev', range: { from: 0, to: 1, points: 600 } }], trainSizes: [100, 200] } }, `test: search: plans 1202 configurations, more than the limit of ${max}`],
    [{ ...base, epochs: 1e9, search: { techniques: ['gaussian'] } }, `test: epochs: must be an integer >= 1 and <= ${RUN_LIMITS.epochs}, received 1000000000`],
  ];
  for (const [raw, message] of cases) {
    assert.throws(() => parseSweepConfig(raw, 'test'), (e: unknown) => e instanceof ExperimentConfigError && e.message.startsWith(message) && !e.message.includes('\n'), message);
  }
  const raised = parseSweepConfig({ ...base, search: { techniques: [{ spec: 'gaussian', param: 'stddev', range: { from: 0, to: 1, points: 600 } }], trainSizes: [100, 200] } }, 'test', { limits: { ...RUN_LIMITS, configurations: 2000 } });
  assert.equal(raised.search.trainSizes!.length, 2);
});
