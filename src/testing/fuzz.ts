/**
 * Shared settings and checks of the property tests (`*fuzz*.test.ts`): `FUZZ_RUNS` runs per
 * property (default 200 in CI; `node scripts/fuzz.mjs` runs many more), `FUZZ_SEED` replays a
 * reported failure.
 */
import assert from 'node:assert/strict';
import { NoisenetError } from '../errors.js';

const runs = Number(process.env['FUZZ_RUNS'] ?? 200);
const seed = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);

/** The fast-check parameters: the number of runs and, when replaying, the seed. */
export const fuzzParams = { numRuns: runs, ...(seed === undefined ? {} : { seed }) };

/**
 * Asserts that `err` is one of the project's typed errors, of class `type` when given, whose
 * message is one short line starting with `prefix`; rethrows assertion failures untouched.
 */
export function assertTypedError(err: unknown, prefix: string, type: abstract new (...args: never[]) => NoisenetError = NoisenetError): void {
  if (err instanceof assert.AssertionError) throw err;
  assert.ok(err instanceof NoisenetError, `a typed error, got ${err instanceof Error ? `${err.name}: ${err.message}\n${err.stack}` : String(err)}`);
  assert.ok(err instanceof type, `a ${type.name}, got ${err.name}: ${err.message}`);
  assert.ok(err.message.startsWith(prefix), `starts with ${JSON.stringify(prefix)}: ${JSON.stringify(err.message)}`);
  assert.ok(!err.message.includes('\n') && err.message.length < 600, `one short line: ${JSON.stringify(err.message)}`);
}
