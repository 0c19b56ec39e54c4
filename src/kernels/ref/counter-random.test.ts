import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend, FloatArray, RandomStream } from '../backend.js';
import { createBackend } from '../registry.js';
import { createRefBackend } from './ref-backend.js';

const SEEDS = [0, 1, 42, 2 ** 31 + 5];
const SIZES = [1, 3, 7, 8, 1023, 1024, 1025, 5000];
const POSITIONS = [0, 1, 5, 1023, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 3, 2 ** 53 - 1000];

type Kind = 'uniform' | 'bernoulli' | 'normal';
const KINDS: Kind[] = ['uniform', 'bernoulli', 'normal'];

/** The next fill of `n` values of `kind` from `rng`, copied out of backend memory. */
function draw(b: Backend, rng: RandomStream, kind: Kind, n: number): Float32Array {
  const out = b.alloc(n);
  if (kind === 'uniform') b.fillUniform(rng, out, n, -0.75, 2.5);
  else if (kind === 'bernoulli') b.fillBernoulli(rng, out, n, 0.3);
  else b.fillNormal(rng, out, n, 0.25, 1.5);
  return Float32Array.from(out);
}

/** Fails at the first value whose float32 bits differ. */
function assertSameBits(actual: FloatArray, expected: FloatArray, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const a = new Uint32Array(Float32Array.from(actual).buffer);
  const e = new Uint32Array(Float32Array.from(expected).buffer);
  for (let i = 0; i < a.length; i++) if (a[i] !== e[i]) assert.fail(`${what}: value ${i} is ${actual[i]} on ref, ${expected[i]} on wasm`);
}

/** Runs `body` with a wasm backend of `threads` threads, disposing it afterwards. */
function withWasm(threads: number, body: (wasm: Backend) => void): void {
  const wasm = createBackend('wasm', { threads });
  try {
    body(wasm);
  } finally {
    wasm.dispose();
  }
}

test('ref and wasm fills are bit-identical for every seed and size, fill after fill on one stream', () => {
  const ref = createRefBackend();
  withWasm(1, (wasm) => {
    for (const seed of SEEDS) {
      const r = ref.createRandom(seed), w = wasm.createRandom(seed);
      for (const n of SIZES) {
        for (const kind of KINDS) {
          const at = r.blocks;
          assertSameBits(draw(ref, r, kind, n), draw(wasm, w, kind, n), `seed ${seed}, ${kind}, n=${n}, from block ${at}`);
          assert.equal(r.blocks, w.blocks);
          assert.equal(r.blocks, at + Math.ceil(n / 1024), 'each fill takes ceil(n / 1024) fresh blocks');
        }
      }
    }
  });
});

test('ref and wasm fills are bit-identical when the stream position is assigned', () => {
  const ref = createRefBackend();
  withWasm(1, (wasm) => {
    for (const seed of SEEDS) {
      for (const blocks of POSITIONS) {
        for (const kind of KINDS) {
          const r = ref.createRandom(seed), w = wasm.createRandom(seed);
          r.blocks = blocks;
          w.blocks = blocks;
          for (const n of [7, 1025]) assertSameBits(draw(ref, r, kind, n), draw(wasm, w, kind, n), `seed ${seed}, ${kind}, n=${n}, at block ${blocks}`);
          assert.equal(r.blocks, blocks + 3);
          assert.equal(w.blocks, blocks + 3);
        }
      }
    }
  });
});

test('wasm with 1 and 2 threads and ref give the same fills, including fills split between threads', () => {
  const ref = createRefBackend();
  withWasm(1, (one) =>
    withWasm(2, (two) => {
      for (const seed of SEEDS) {
        const streams = [ref, one, two].map((b) => b.createRandom(seed));
        for (const n of [...SIZES, 20_000, 100_003]) {
          for (const kind of KINDS) {
            const [r, a, b] = [draw(ref, streams[0]!, kind, n), draw(one, streams[1]!, kind, n), draw(two, streams[2]!, kind, n)];
            assertSameBits(b, a, `2 threads vs 1, seed ${seed}, ${kind}, n=${n}`);
            assertSameBits(r, a, `ref vs wasm, seed ${seed}, ${kind}, n=${n}`);
          }
        }
      }
    }),
  );
});

test('assigning a saved position replays the fills that followed it, on both backends', () => {
  for (const make of [() => createRefBackend(), () => createBackend('wasm', { threads: 1 })]) {
    const b = make();
    try {
      const rng = b.createRandom(9);
      draw(b, rng, 'normal', 3000);
      const saved = rng.blocks;
      const next = [draw(b, rng, 'uniform', 10), draw(b, rng, 'normal', 2049)];
      const again = b.createRandom(9);
      again.blocks = saved;
      assert.deepEqual([draw(b, again, 'uniform', 10), draw(b, again, 'normal', 2049)], next, b.name);
    } finally {
      b.dispose();
    }
  }
});

test('the float64 reference backend draws the same values as the float32 one', () => {
  const ref = createRefBackend('float32'), ref64 = createRefBackend('float64');
  for (const kind of KINDS) {
    const a = draw(ref, ref.createRandom(5), kind, 3000);
    const b = ref64.alloc(3000);
    const rng = ref64.createRandom(5);
    if (kind === 'uniform') ref64.fillUniform(rng, b, 3000, -0.75, 2.5);
    else if (kind === 'bernoulli') ref64.fillBernoulli(rng, b, 3000, 0.3);
    else ref64.fillNormal(rng, b, 3000, 0.25, 1.5);
    assert.deepEqual(Float64Array.from(a), b, kind);
  }
});

test('ref fills reject a stream position that is not a non-negative integer, and streams of other backends', () => {
  const ref = createRefBackend();
  const out = ref.alloc(4);
  for (const bad of [-1, 0.5, Number.NaN, 2 ** 53]) {
    const rng = ref.createRandom(1);
    rng.blocks = bad;
    assert.throws(() => ref.fillUniform(rng, out, 4, 0, 1), /position/);
  }
  withWasm(1, (wasm) => {
    assert.throws(() => ref.fillNormal(wasm.createRandom(1), out, 4, 0, 1), /another backend/);
    const rng = wasm.createRandom(1);
    rng.blocks = -3;
    assert.throws(() => wasm.fillNormal(rng, wasm.alloc(4), 4, 0, 1), /position/);
  });
});

test('ref normal, uniform and Bernoulli draws have the right moments (100k values, 6 standard errors)', () => {
  const ref = createRefBackend();
  const n = 100_000;
  const moments = (v: Float32Array): { mean: number; variance: number } => {
    let mean = 0;
    for (const x of v) mean += x / n;
    let variance = 0;
    for (const x of v) variance += (x - mean) ** 2 / (n - 1);
    return { mean, variance };
  };
  const z = moments(draw(ref, ref.createRandom(2024), 'normal', n).map((x) => (x - 0.25) / 1.5));
  assert.ok(Math.abs(z.mean) < 6 / Math.sqrt(n), `normal mean ${z.mean}`);
  assert.ok(Math.abs(z.variance - 1) < 6 * Math.sqrt(2 / n), `normal variance ${z.variance}`);
  const u = draw(ref, ref.createRandom(2025), 'uniform', n);
  assert.ok(u.every((x) => x >= -0.75 && x <= 2.5), 'uniform values in [lo, hi]');
  const m = moments(u);
  assert.ok(Math.abs(m.mean - 0.875) < (6 * 3.25) / Math.sqrt(12 * n), `uniform mean ${m.mean}`);
  const ones = draw(ref, ref.createRandom(2026), 'bernoulli', n);
  assert.ok(ones.every((x) => x === 0 || x === 1), 'Bernoulli values are 0 or 1');
  const rate = ones.reduce((s, x) => s + x, 0) / n;
  assert.ok(Math.abs(rate - 0.3) < 6 * Math.sqrt(0.21 / n), `Bernoulli rate ${rate}`);
});
