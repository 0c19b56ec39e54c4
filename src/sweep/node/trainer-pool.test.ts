/**
 * The trainer pool frees its slots on every path: a run whose message cannot be sent to a child
 * (200,000 nested objects overflow the serializer's stack) fails alone, as a configuration error,
 * and the next valid run trains in the same pool.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSweepConfig } from '../sweep-config-parse.js';
import { planSweep } from '../plan.js';
import { RunFailure } from './run-failure.js';
import { TrainerPool } from './trainer-pool.js';

/** `{"a":{"a":...{"a":1}}}`, `depth` objects deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

test('a run that cannot be sent to a trainer fails alone, and every slot stays usable for the valid runs after it', async () => {
  const plan = await planSweep(parseSweepConfig({ dataset: 'mnist-mini', trainSize: 200, epochs: 1, hidden: [8], seeds: 1, robustness: { stddevs: [0], draws: 1 }, search: { techniques: ['gaussian:stddev={0.1}'] } }, 'test'));
  const pool = new TrainerPool({ size: 2, threads: 1 });
  try {
    const poisoned = { ...plan.runs[0]!.settings, extra: nested(200_000) };
    for (let i = 0; i < 3; i++) {
      await assert.rejects(pool.run({ id: `poison${i}`, configuration: 'poison', settings: poisoned as typeof plan.runs[0]['settings'] }), (e: unknown) => {
        assert.ok(e instanceof RunFailure, String(e));
        assert.equal(e.configError, true, 'a run that cannot be sent is not retried');
        assert.match(e.reason, /^the run's settings cannot be sent to a trainer process \(Maximum call stack size exceeded\)$/);
        return true;
      });
    }
    const records = await Promise.all(plan.runs.map((r) => pool.run({ id: r.id, configuration: r.configuration, settings: r.settings })));
    assert.deepEqual(records.map((r) => r.id), plan.runs.map((r) => r.id), 'both valid runs trained after three poisoned ones');
  } finally {
    pool.close();
  }
});
