/**
 * Property tests of the experiment config parser (`noisenet compare --config FILE`): any JSON
 * value, and any valid config with fields replaced, removed or added, either parses to a
 * consistent configuration that round-trips through its JSON file, or is refused with a
 * one-line ExperimentConfigError naming the file; any text is valid JSON or an error with its
 * line and column. Never another exception, and no allocation beyond what the file declares
 * within the limits: values nested past the JSON bounds and lists past the run limits (seeds,
 * configurations, noise levels, hidden layers) are refused as any other invalid field.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { configJson, experimentConfigJson, parseExperimentConfig } from './config-parse.js';
import { ExperimentConfigError, type ExperimentConfig } from './config.js';
import { validateNoiseSpec } from './spec-run-factory.js';
import { assertTypedError, fuzzParams } from '../testing/fuzz.js';
import { RUN_LIMITS } from '../run/run-limits.js';
import { JSON_LIMITS } from '../schema/bounded-json.js';

const FILE = 'fuzz.json';
const options = { validateNoise: validateNoiseSpec };

const VALID = {
  name: 'fuzz', dataset: 'mnist-mini', trainSize: 500, valSize: 200, dataSeed: 3, epochs: 2, batchSize: 16, optimizer: 'sgd', lr: 0.05, momentum: 0.9,
  hidden: [32, 16], activation: 'relu', seeds: [1, 2], baseline: 'plain',
  configurations: [{ name: 'plain', noise: [] }, { name: 'noisy', noise: ['gaussian:stddev=0.1', 'dropout:rate=0.5@hidden'] }],
  robustness: { stddevs: [0, 0.2], draws: 2, seed: 1, clip: true, samples: 100 },
  model: { layers: [{ className: 'InputLayer', config: { shape: [784] } }, { className: 'Dense', config: { units: 10, activation: 'softmax' } }] },
};

/** Paths into VALID, to replace or remove. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
const PATHS = paths(VALID).filter((p) => p.length > 0);

const json = fc.jsonValue({ maxDepth: 3 });

/** A value nested `depth` lists deep. */
function nested(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Values beyond the limits: too deep, too long, too large. */
const HOSTILE = [
  nested(JSON_LIMITS.maxDepth + 1), { a: nested(200) },
  Array.from({ length: RUN_LIMITS.configurations + 1 }, (_, i) => ({ name: `c${i}`, noise: [] })),
  Array.from({ length: RUN_LIMITS.seeds + 1 }, (_, i) => i),
  Array.from({ length: RUN_LIMITS.levels + 1 }, (_, i) => i / 10),
  Array.from({ length: RUN_LIMITS.hiddenLayers + 1 }, () => 4),
  Array.from({ length: RUN_LIMITS.noiseSpecs + 1 }, () => 'gaussian:stddev=0.1'),
  RUN_LIMITS.epochs + 1, RUN_LIMITS.draws + 1, RUN_LIMITS.width + 1, 1e9,
];
const edit = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...PATHS), value: fc.oneof(json, fc.constantFrom(0, -1, 1e9, 2 ** 53, 1.5, '', 'x', null, [], {}, true, ['gausian:stddev=0.1'], 'baseline', 'noisy', ...HOSTILE)) }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }),
  fc.record({ kind: fc.constant('add' as const), path: fc.constantFrom([], ...PATHS), key: fc.string({ maxLength: 6 }), value: json }),
);
type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

function apply(root: unknown, e: Edit): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  const parentPath = e.kind === 'add' ? e.path : e.path.slice(0, -1);
  let parent: unknown = copy;
  for (const k of parentPath) parent = parent && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[k] : undefined;
  if (!parent || typeof parent !== 'object') return copy;
  const target = parent as Record<string | number, unknown>;
  if (e.kind === 'add') target[Array.isArray(target) ? target.length : e.key] = e.value;
  else if (e.kind === 'delete' && Array.isArray(target)) target.splice(Number(e.path.at(-1)), 1);
  else if (e.kind === 'delete') delete target[e.path.at(-1)!];
  else target[e.path.at(-1)!] = e.value;
  return copy;
}

/** What every parsed configuration satisfies, and its JSON file reads back to the same. */
function checkConfig(c: ExperimentConfig): void {
  assert.ok(c.seeds.length >= 1 && new Set(c.seeds).size === c.seeds.length, 'distinct seeds');
  assert.ok(c.seeds.length <= RUN_LIMITS.seeds, 'a bounded number of seeds');
  assert.ok(c.configurations.length <= RUN_LIMITS.configurations && c.configurations.every((x) => x.noise.length <= RUN_LIMITS.noiseSpecs), 'bounded configurations');
  assert.ok(c.epochs <= RUN_LIMITS.epochs && c.batchSize <= RUN_LIMITS.batchSize && c.robustness.draws <= RUN_LIMITS.draws && c.robustness.stddevs.length <= RUN_LIMITS.levels, 'within the run limits');
  assert.ok(c.hidden.length <= RUN_LIMITS.hiddenLayers && c.hidden.every((u) => u <= RUN_LIMITS.width), 'a bounded mlp');
  const names = c.configurations.map((x) => x.name);
  assert.equal(new Set(names).size, names.length, 'distinct names');
  assert.ok(names.includes(c.baseline), 'the baseline is a configuration');
  assert.ok(Number.isInteger(c.epochs) && c.epochs >= 1 && Number.isInteger(c.batchSize) && c.batchSize >= 1);
  assert.ok(c.lr > 0 && Number.isFinite(c.lr));
  assert.ok(c.robustness.stddevs.every((s) => s >= 0 && Number.isFinite(s)));
  assert.deepEqual(parseExperimentConfig(JSON.parse(configJson(c)), FILE, options), c, 'round-trips through its file');
}

function parse(raw: unknown): void {
  let config: ExperimentConfig;
  try {
    config = parseExperimentConfig(raw, FILE, options);
  } catch (err) {
    assertTypedError(err, `${FILE}: `, ExperimentConfigError);
    return;
  }
  checkConfig(config);
}

test('fuzz: the valid config parses and round-trips', () => {
  checkConfig(parseExperimentConfig(VALID, FILE, options));
});

test('fuzz: any JSON value is a configuration or a one-line ExperimentConfigError naming the file', () => {
  fc.assert(fc.property(json, parse), fuzzParams);
  fc.assert(fc.property(fc.dictionary(fc.constantFrom(...Object.keys(VALID), 'extra'), json), parse), fuzzParams);
});

test('fuzz: a valid config with fields replaced, removed or added parses consistently or is refused naming the file', () => {
  fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => parse(edits.reduce(apply, VALID))), fuzzParams);
});

test('fuzz: any text is JSON or an ExperimentConfigError with the line and column', () => {
  const text = fc.oneof(fc.string({ maxLength: 60 }), json.map((v) => JSON.stringify(v)), fc.tuple(fc.constant(JSON.stringify(VALID)), fc.nat(), fc.string({ maxLength: 3 })).map(([t, at, s]) => t.slice(0, at % t.length) + s + t.slice(at % t.length)));
  fc.assert(
    fc.property(text, (t) => {
      let raw: unknown;
      try {
        raw = experimentConfigJson(t, FILE);
      } catch (err) {
        assertTypedError(err, `${FILE}: `, ExperimentConfigError);
        assert.match((err as Error).message, /^fuzz\.json: (line \d+, column \d+|\(JSON\)|config): /);
        return;
      }
      parse(raw);
    }),
    fuzzParams,
  );
});

test('a name nested 200,000 lists deep is a one-line config error, in a file and as a value', () => {
  const deep = `{"name": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
  assert.throws(() => experimentConfigJson(deep, FILE), (err: unknown) => {
    assertTypedError(err, `${FILE}: (JSON): JSON nested too deeply: at most ${JSON_LIMITS.maxDepth} levels`, ExperimentConfigError);
    return true;
  });
  assert.throws(() => parseExperimentConfig({ name: nested(200_000) }, FILE, options), (err: unknown) => {
    assertTypedError(err, `${FILE}: (JSON): JSON nested too deeply`, ExperimentConfigError);
    return true;
  });
});

test('100,000 configurations, a million seeds, a million levels, epochs and draws 1e9 are refused up front, naming the limit', () => {
  const many = Array.from({ length: 100_000 }, (_, i) => ({ name: `c${i}`, noise: ['gaussian:stddev=0.1'] }));
  const cases: [Record<string, unknown>, string][] = [
    [{ configurations: many }, `configurations: must hold at most ${RUN_LIMITS.configurations} items, received 100000`],
    [{ seeds: Array.from({ length: 20_000 }, (_, i) => i) }, `seeds: must hold at most ${RUN_LIMITS.seeds} items, received 20000`],
    [{ seeds: Array.from({ length: 1_000_000 }, (_, i) => i) }, `(JSON): JSON holds too many values: at most ${JSON_LIMITS.maxValues}`],
    [{ robustness: { stddevs: Array.from({ length: 1000 }, () => 0.1) } }, `robustness.stddevs: must hold at most ${RUN_LIMITS.levels} items, received 1000`],
    [{ epochs: 1e9 }, `epochs: must be an integer >= 1 and <= ${RUN_LIMITS.epochs}, received 1000000000`],
    [{ robustness: { draws: 1e9 } }, `robustness.draws: must be an integer >= 1 and <= ${RUN_LIMITS.draws}`],
    [{ hidden: [1e9] }, `hidden[0]: must be an integer >= 1 and <= ${RUN_LIMITS.width}`],
  ];
  for (const [raw, message] of cases) {
    assert.throws(() => parseExperimentConfig(raw, FILE, options), (err: unknown) => {
      assertTypedError(err, `${FILE}: ${message}`, ExperimentConfigError);
      return true;
    });
  }
  const raised = parseExperimentConfig({ epochs: 20_000 }, FILE, { ...options, limits: { ...RUN_LIMITS, epochs: 20_000 } });
  assert.equal(raised.epochs, 20_000, 'raised limits let more through');
});
