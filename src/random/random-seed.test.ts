import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomSeed } from './random-seed.js';

test('randomSeed gives integers in [0, 2^31) that differ between calls', () => {
  const seeds = Array.from({ length: 200 }, randomSeed);
  for (const s of seeds) assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 31, String(s));
  assert.ok(new Set(seeds).size > 190);
});
