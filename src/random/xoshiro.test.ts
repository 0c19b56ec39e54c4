import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Xoshiro128, mixSeed } from './xoshiro.js';

/** The first draws of a generator: raw words, a Box-Muller pair (the second from the spare) and an integer. */
function firstDraws(g: Xoshiro128): number[] {
  return [g.nextU32(), g.nextU32(), g.nextU32(), g.normal(), g.normal(), g.int(1000)];
}

test('Xoshiro128 draws the same sequence as before for fixed seeds', () => {
  assert.deepEqual(firstDraws(new Xoshiro128(0)), [3809008728, 1133695204, 53579671, 0.8710524286613465, 0.1805126825910838, 512]);
  assert.deepEqual(firstDraws(new Xoshiro128(42)), [2837322924, 544945897, 479756282, 0.5623422611293684, 0.30504784783237543, 26]);
  assert.deepEqual(firstDraws(new Xoshiro128(2 ** 31 + 5)), [2394266295, 1268908036, 159653769, 1.3442867222215515, 1.0114264539355937, 239]);
  assert.deepEqual(firstDraws(new Xoshiro128(0xffffffff)), [835879718, 1921286648, 2356205009, 0.17456260158025788, 1.2711144538542107, 245]);
});

test('reseed gives exactly the draws of a freshly constructed generator, spare normal dropped', () => {
  const g = new Xoshiro128(5);
  for (const seed of [0, 1, 42, 2 ** 31 + 5, 0xffffffff, -3]) {
    g.normal(); // leaves a spare normal behind
    g.reseed(seed);
    assert.equal(g.seed, seed);
    assert.deepEqual(firstDraws(g), firstDraws(new Xoshiro128(seed)), `seed ${seed}`);
  }
});

test('mixSeed gives distinct unsigned 32-bit seeds over a grid of seeds, streams, epochs and steps', () => {
  const seen = new Set<number>();
  let count = 0;
  for (const seed of [0, 1, 42, 2 ** 31 + 5, 0xffffffff]) {
    for (let a = 0; a < 16; a++) {
      for (let b = 0; b < 16; b++) {
        for (let c = 0; c < 8; c++) {
          const h = mixSeed(seed, a, b, c);
          assert.ok(Number.isInteger(h) && h >= 0 && h <= 0xffffffff, `${h} is not a u32`);
          seen.add(h);
          count++;
        }
      }
    }
  }
  assert.equal(seen.size, count);
  assert.equal(mixSeed(42, 3), mixSeed(42, 3, 0, 0), 'omitted arguments are 0');
  assert.notEqual(mixSeed(42, 1, 2), mixSeed(42, 2, 1), 'argument order matters');
});

test('mixSeed is MurmurHash3 (x86, 32-bit) of the little-endian key a, b, c with seed seed', () => {
  // Values of a direct implementation of the published algorithm.
  assert.equal(mixSeed(0, 0, 0, 0), 3644920907);
  assert.equal(mixSeed(42, 1, 2, 3), 2814989487);
  assert.equal(mixSeed(2 ** 31 + 5, 7, 0, 99), 2134069531);
  assert.equal(mixSeed(0xffffffff, 0xffffffff, 123456789, 5), 1536217748);
});

test('mixSeed avalanches: flipping any input bit flips each output bit about half the time', () => {
  const g = new Xoshiro128(11);
  const trials = 400;
  const flips = new Float64Array(128 * 32); // [input bit][output bit]
  for (let t = 0; t < trials; t++) {
    const inputs = [g.nextU32(), g.nextU32(), g.nextU32(), g.nextU32()];
    const h = mixSeed(inputs[0]!, inputs[1]!, inputs[2]!, inputs[3]!);
    for (let i = 0; i < 128; i++) {
      const v = inputs.slice();
      v[i >> 5] = (v[i >> 5]! ^ (1 << (i & 31))) >>> 0;
      const d = (h ^ mixSeed(v[0]!, v[1]!, v[2]!, v[3]!)) >>> 0;
      for (let k = 0; k < 32; k++) flips[32 * i + k]! += (d >>> k) & 1;
    }
  }
  // A fair coin's share of flips has sd 0.025 over 400 trials (bound: 6 sd), 0.0022 over all 128 input bits.
  for (let i = 0; i < 128; i++) {
    for (let k = 0; k < 32; k++) {
      const rate = flips[32 * i + k]! / trials;
      assert.ok(Math.abs(rate - 0.5) < 0.15, `input bit ${i} flips output bit ${k} ${rate} of the time`);
    }
  }
  for (let k = 0; k < 32; k++) {
    let sum = 0;
    for (let i = 0; i < 128; i++) sum += flips[32 * i + k]!;
    const rate = sum / (128 * trials);
    assert.ok(Math.abs(rate - 0.5) < 0.015, `output bit ${k} flips ${rate} of the time`);
  }
});
