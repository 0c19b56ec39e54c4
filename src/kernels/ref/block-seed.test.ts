import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCK, blockWords } from './block-seed.js';

const M64 = (1n << 64n) - 1n;

function splitmix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & M64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
  return z ^ (z >> 31n);
}

/** The block's words straight from the definition, in 64-bit BigInt arithmetic and one generator at a time. */
function blockWordsBigInt(seed: number, block: number, count: number): Int32Array {
  const base = ((BigInt(seed) * 0xd1b54a32d192ed03n) ^ (BigInt(block) * 0xaef17502108ef2d9n)) & M64;
  const out = new Int32Array(count);
  for (let lane = 0; lane < 4; lane++) {
    const h0 = splitmix64((base + BigInt(2 * lane) * 0x9e3779b97f4a7c15n) & M64);
    const h1 = splitmix64(h0 ^ 0x6a09e667f3bcc909n);
    const s = [Number(h0 & 0xffffffffn), Number(h0 >> 32n), Number(h1 & 0xffffffffn), Number(h1 >> 32n) | 1].map((w) => w | 0);
    for (let t = 0; ; t++) {
      const at = 8 * (t >> 1) + 4 * (t & 1) + lane; // output t of the lane
      if (8 * (t >> 1) + lane >= count) break;
      const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));
      if (at < count) out[at] = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9);
      const x = s[1]! << 9;
      s[2]! ^= s[0]!;
      s[3]! ^= s[1]!;
      s[1]! ^= s[2]!;
      s[0]! ^= s[3]!;
      s[2]! ^= x;
      s[3] = rotl(s[3]!, 11);
    }
  }
  return out;
}

test('block words match the splitmix64-seeded xoshiro128** definition computed with BigInt', () => {
  const words = new Int32Array(BLOCK);
  for (const seed of [0, 1, 42, 2 ** 31 + 5, 2 ** 32 - 1]) {
    for (const block of [0, 1, 7, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 45 + 12345, 2 ** 53 - 1]) {
      for (const count of [1, 5, 8, 13, BLOCK]) {
        blockWords(seed, block, count, words);
        assert.deepEqual(words.subarray(0, count), blockWordsBigInt(seed, block, count), `seed ${seed}, block ${block}, count ${count}`);
      }
    }
  }
});

test('a shorter count gives a prefix of the same block', () => {
  const full = new Int32Array(BLOCK), part = new Int32Array(BLOCK);
  blockWords(3, 17, BLOCK, full);
  blockWords(3, 17, 100, part);
  assert.deepEqual(part.subarray(0, 100), full.subarray(0, 100));
});
