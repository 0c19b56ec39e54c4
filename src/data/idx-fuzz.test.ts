/**
 * Property tests of the IDX parser: whatever the bytes (random, mutated valid files, truncated,
 * wrong magic, huge declared dims, raw or gzip), parsing either gives a consistent result or
 * throws one of the project's typed errors with a one-line message, and a declared size beyond
 * the ceiling is refused from the header. `FUZZ_RUNS` sets the runs per property (default 200;
 * `node scripts/fuzz.mjs` runs many more), `FUZZ_SEED` replays a failure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { DataFileError, NoisenetError } from '../errors.js';
import { type IdxFile, MAX_IDX_BYTES, encodeIdx, isGzip, parseIdx, parseIdxAsync } from './idx.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
const params = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

/** A small ceiling, so that "refused before allocating" is visible on small inputs. */
const MAX = 4096;

type Outcome = { ok: IdxFile } | { error: NoisenetError };

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** What the header of `raw` declares, when it has a whole header; undefined otherwise. */
function declared(raw: Uint8Array): number | undefined {
  if (raw.length < 4 || raw[0] !== 0 || raw[1] !== 0 || raw[2] !== 8 || raw[3]! < 1 || raw[3]! > 4 || raw.length < 4 + 4 * raw[3]!) return undefined;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return product(Array.from({ length: raw[3]! }, (_, i) => view.getUint32(4 + 4 * i, false)));
}

/** Checks the outcome's invariants and returns it. */
function check(outcome: Outcome, where: string, maxBytes: number): Outcome {
  if ('ok' in outcome) {
    const { type, dims, data } = outcome.ok;
    assert.equal(type, 0x08);
    assert.ok(dims.length >= 1 && dims.length <= 4, `rank ${dims.length}`);
    for (const d of dims) assert.ok(Number.isInteger(d) && d >= 0 && d <= 0xffffffff, `dim ${d}`);
    assert.ok(data instanceof Uint8Array);
    assert.equal(data.length, product(dims), 'data length is the product of dims');
    assert.ok(data.length <= maxBytes, 'within the ceiling');
  } else {
    const { error } = outcome;
    assert.ok(error instanceof NoisenetError, `a typed error, got ${error}`);
    assert.ok(error instanceof DataFileError, `a DataFileError for bytes, got ${error.name}: ${error.message}`);
    assert.ok(error.message.startsWith(`${where}: `), error.message);
    assert.ok(!error.message.includes('\n') && error.message.length < 400, `one short line: ${JSON.stringify(error.message)}`);
  }
  return outcome;
}

function sync(bytes: Uint8Array, where: string, maxBytes = MAX): Outcome {
  try {
    return check({ ok: parseIdx(bytes, where, { maxBytes }) }, where, maxBytes);
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    return check({ error: err as NoisenetError }, where, maxBytes);
  }
}

async function async(bytes: Uint8Array, where: string, maxBytes = MAX): Promise<Outcome> {
  try {
    return check({ ok: await parseIdxAsync(bytes, where, { maxBytes }) }, where, maxBytes);
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    return check({ error: err as NoisenetError }, where, maxBytes);
  }
}

/** A valid IDX file: 1 to 4 dims of 0 to 12, random data. */
const validIdx = fc
  .array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 })
  .chain((dims) => fc.uint8Array({ minLength: product(dims), maxLength: product(dims) }).map((data) => ({ dims, data, bytes: encodeIdx(dims, data) })));

/** A change to a file's bytes. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('append' as const), extra: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('dim' as const), index: fc.integer({ min: 0, max: 3 }), value: fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0xffffffff, 2 ** 16, MAX + 1)) }),
  fc.record({ kind: fc.constant('rank' as const), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('magic' as const), b0: fc.integer({ min: 0, max: 255 }), b1: fc.integer({ min: 0, max: 255 }), type: fc.integer({ min: 0, max: 255 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const out = Uint8Array.from(bytes);
  switch (m.kind) {
    case 'flip':
      if (out.length > 0) out[m.at % out.length] = m.value;
      return out;
    case 'truncate':
      return out.subarray(0, m.at % (out.length + 1));
    case 'append':
      return Uint8Array.from([...out, ...m.extra]);
    case 'dim':
      if (out.length >= 8 + 4 * m.index) new DataView(out.buffer).setUint32(4 + 4 * m.index, m.value, false);
      return out;
    case 'rank':
      if (out.length >= 4) out[3] = m.value;
      return out;
    case 'magic':
      if (out.length >= 3) [out[0], out[1], out[2]] = [m.b0, m.b1, m.type];
      return out;
  }
}

const mutated = fc.tuple(validIdx, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => ms.reduce(mutate, v.bytes));

test('fuzz: valid IDX files round-trip, raw and gzip', async () => {
  await fc.assert(
    fc.asyncProperty(validIdx, async ({ dims, data, bytes }) => {
      const max = MAX_IDX_BYTES;
      for (const outcome of [sync(bytes, 'v.idx', max), await async(bytes, 'v.idx', max), await async(gzipSync(bytes), 'v.gz', max)]) {
        assert.ok('ok' in outcome, 'error' in outcome ? outcome.error.message : '');
        assert.deepEqual(outcome.ok.dims, dims);
        assert.deepEqual(outcome.ok.data, data);
      }
    }),
    params,
  );
});

test('fuzz: random bytes parse consistently or throw a one-line DataFileError', async () => {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    // Random bytes behind a plausible start, to get past the magic check.
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.uint8Array({ maxLength: 64 })).map(([rank, rest]) => Uint8Array.from([0, 0, 8, rank, ...rest])),
  );
  await fc.assert(
    fc.asyncProperty(bytes, async (b) => {
      sync(b, 'r.idx');
      await async(b, 'r.idx');
      await async(gzipSync(b), 'r.gz');
    }),
    params,
  );
});

test('fuzz: mutated, truncated, wrong-magic and huge-dims files: sync, async and gzip agree', async () => {
  await fc.assert(
    fc.asyncProperty(mutated, async (bytes) => {
      const a = sync(bytes, 'm.idx');
      const b = await async(bytes, 'm.idx');
      const c = await async(gzipSync(bytes), 'm.idx');
      if ('ok' in a) {
        assert.ok('ok' in b && 'ok' in c, 'all parse');
        assert.deepEqual(b.ok, a.ok);
        assert.deepEqual(c.ok.data, a.ok.data);
      } else {
        assert.ok('error' in b && 'error' in c, 'all refuse');
        if (!isGzip(bytes)) assert.equal(b.error.message, a.error.message, 'raw bytes: same message either way');
      }
      const size = declared(bytes);
      if (size !== undefined && size > MAX) {
        for (const o of [a, b, c]) assert.match('error' in o ? o.error.message : '', /more than the limit of 4096/, 'a declared size beyond the ceiling is refused from the header');
      }
    }),
    params,
  );
});

test('fuzz: corrupt and truncated gzip streams throw a one-line DataFileError', async () => {
  const gz = fc.tuple(validIdx, mutation).map(([v, m]) => mutate(gzipSync(v.bytes), m));
  await fc.assert(
    fc.asyncProperty(gz, async (bytes) => {
      await async(bytes, 'g.gz');
      sync(bytes, 'g.gz');
    }),
    params,
  );
});
