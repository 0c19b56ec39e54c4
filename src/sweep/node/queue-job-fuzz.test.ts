/**
 * The check of a queue job's data before a worker builds anything: the same run schema and
 * limits as config files. Any job (a valid one with fields replaced, removed or added, or any
 * JSON value) is a valid run or a one-line typed error naming the job; never a TypeError, a
 * RangeError, or a run of epochs 1e9.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkRunJobData, type RunJobData } from './queue-jobs.js';
import { ExperimentConfigError } from '../../experiments/config.js';
import { RUN_LIMITS } from '../../run/run-limits.js';
import { JsonLimitError } from '../../schema/bounded-json.js';
import type { NoisenetError } from '../../errors.js';
import { assertTypedError, fuzzParams } from '../../testing/fuzz.js';

const SOURCE = 'job 1';

const VALID: RunJobData = {
  format: 'noisenet-sweep-run', version: 1, sweep: 'fuzz', configHash: 'abc', id: 'r1', configuration: 'gaussian:stddev=0.1',
  settings: {
    dataset: 'mnist-mini', dataSeed: 42, trainSize: 200, valSize: 100, model: 'mlp', hidden: [8], activation: 'relu', noise: ['gaussian:stddev=0.1'],
    optimizer: 'adam', lr: 0.001, momentum: 0, epochs: 1, batchSize: 32, seed: 1, robustness: { stddevs: [0, 0.1], draws: 1, seed: 0, clip: false },
  },
};

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { x: v };
  return v;
}

function refused(data: unknown, message: RegExp | string, type: abstract new (...args: never[]) => NoisenetError = ExperimentConfigError): void {
  assert.throws(() => checkRunJobData(data, SOURCE), (err: unknown) => {
    assertTypedError(err, `${SOURCE}: `, type);
    if (typeof message === 'string') assert.equal((err as Error).message, message);
    else assert.match((err as Error).message, message);
    return true;
  });
}

const withSettings = (s: Record<string, unknown>): unknown => ({ ...VALID, settings: { ...VALID.settings, ...s } });

test('a valid job passes the check as it is', () => {
  assert.equal(checkRunJobData(VALID, SOURCE), VALID);
});

test('jobs the CLI and config files would refuse are refused with their reason: epochs 1e9, draws 1e9, a million levels, hidden "128", null', () => {
  refused(withSettings({ epochs: 1e9 }), `job 1: epochs: must be an integer >= 1 and <= ${RUN_LIMITS.epochs}, received 1000000000`);
  refused(withSettings({ robustness: { ...VALID.settings.robustness, draws: 1e9 } }), /^job 1: robustness\.draws: must be an integer >= 1 and <= 1000, received 1000000000$/);
  refused(withSettings({ robustness: { ...VALID.settings.robustness, stddevs: Array.from({ length: 1000 }, () => 0.1) } }), `job 1: robustness.stddevs: must hold at most ${RUN_LIMITS.levels} items, received 1000 (a limit of the run schema)`);
  refused(withSettings({ robustness: { ...VALID.settings.robustness, stddevs: Array.from({ length: 1_000_000 }, () => 0.1) } }), /^job 1: JSON holds too many values: at most 1000000/, JsonLimitError);
  refused(withSettings({ hidden: '128' }), 'job 1: hidden: must be a list, received "128"');
  refused(withSettings({ hidden: null }), 'job 1: hidden: must be a list, received null');
  refused(withSettings({ epochs: null }), /^job 1: epochs: must be an integer >= 1/);
  refused(withSettings({ noise: [7] }), 'job 1: noise[0]: must be a non-empty string, received 7');
  refused(withSettings({ noise: Array.from({ length: 100 }, () => 'dropout:rate=0.1') }), `job 1: noise: must hold at most ${RUN_LIMITS.noiseSpecs} items, received 100 (a limit of the run schema)`);
  refused(withSettings({ seed: -1 }), /^job 1: seed: must be an integer >= 0/);
  refused(withSettings({ epochs: undefined }), 'job 1: epochs: missing');
  refused({ ...VALID, settings: null }, /^job 1: \(job\): not a noisenet sweep run of this version/);
  refused(null, /^job 1: \(job\): not a noisenet sweep run/);
  refused({ ...VALID, configuration: 'x'.repeat(5000) }, 'job 1: configuration: must be a non-empty string of at most 1000 characters, received 5000 characters');
});

test('a job holding 200,000 nested objects is refused by the JSON bounds, not by the stack', () => {
  refused(withSettings({ model: nested(200_000) }), /^job 1: JSON nested too deeply/, JsonLimitError);
  refused({ ...VALID, extra: nested(200_000) }, /^job 1: JSON nested too deeply/, JsonLimitError);
});

test('a worker with raised limits takes a longer run', () => {
  assert.throws(() => checkRunJobData(withSettings({ epochs: 20_000 }), SOURCE));
  assert.ok(checkRunJobData(withSettings({ epochs: 20_000 }), SOURCE, { ...RUN_LIMITS, epochs: 20_000 }));
});

/** Paths into VALID, to replace or remove. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
const PATHS = paths(VALID).filter((p) => p.length > 0);
const json = fc.jsonValue({ maxDepth: 3 });
const hostile = fc.constantFrom(1e9, -1, 0, 1.5, null, '', '128', [], {}, nested(100), Array.from({ length: 2000 }, () => 1), 'a\nb\u001b[31m');
const edit = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...PATHS), value: fc.oneof(json, hostile) }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }),
  fc.record({ kind: fc.constant('add' as const), path: fc.constantFrom([], ['settings'], ['settings', 'robustness']), key: fc.string({ maxLength: 6 }), value: json }),
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

function check(data: unknown): void {
  let job: RunJobData;
  try {
    job = checkRunJobData(data, SOURCE);
  } catch (err) {
    assertTypedError(err, `${SOURCE}: `);
    return;
  }
  const s = job.settings;
  assert.ok(Number.isInteger(s.epochs) && s.epochs >= 1 && s.epochs <= RUN_LIMITS.epochs, 'bounded epochs');
  assert.ok(Number.isInteger(s.batchSize) && s.batchSize <= RUN_LIMITS.batchSize, 'bounded batch size');
  assert.ok(Array.isArray(s.hidden) && s.hidden.every((u) => Number.isInteger(u)), 'hidden widths');
  assert.ok(Array.isArray(s.noise) && s.noise.every((n) => typeof n === 'string'), 'noise specs');
  assert.ok(s.robustness.draws <= RUN_LIMITS.draws && s.robustness.stddevs.length <= RUN_LIMITS.levels, 'bounded robustness');
}

test('fuzz: a valid job with fields replaced, removed or added is a valid run or a one-line typed error naming the job', () => {
  fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => check(edits.reduce(apply, VALID as unknown))), fuzzParams);
});

test('fuzz: any JSON value as a job, or as its settings, is refused with a typed error', () => {
  fc.assert(fc.property(json, (v) => check(v)), fuzzParams);
  fc.assert(fc.property(fc.dictionary(fc.constantFrom(...Object.keys(VALID.settings), 'extra'), json), (s) => check({ ...VALID, settings: s })), fuzzParams);
});
