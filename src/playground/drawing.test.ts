/** A drawn digit is prepared as MNIST's digits were: fitted into 20x20, centred by its mass in 28x28. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digitFromInk } from './drawing.js';

test('a stroke anywhere on a 280x280 pad becomes a 28x28 digit, 20 pixels tall, centred by mass', () => {
  const ink = new Float32Array(280 * 280);
  for (let y = 10; y < 110; y++) for (let x = 200; x < 220; x++) ink[y * 280 + x] = 1; // a bar in a corner, 100 tall
  const d = digitFromInk(ink, 280, 280)!;
  assert.equal(d.length, 784);
  const rows = new Set<number>();
  const cols = new Set<number>();
  let mass = 0, cx = 0, cy = 0;
  d.forEach((v, i) => {
    if (v > 0) {
      rows.add(Math.floor(i / 28));
      cols.add(i % 28);
    }
    mass += v;
    cx += v * ((i % 28) + 0.5);
    cy += v * (Math.floor(i / 28) + 0.5);
  });
  assert.equal(rows.size, 20, 'the tall side fills the 20-pixel box');
  assert.equal(cols.size, 4, 'aspect kept: 20 x 100 becomes 4 x 20');
  assert.ok(Math.abs(cx / mass - 14) <= 0.5 && Math.abs(cy / mass - 14) <= 0.5, `centre of mass (${cx / mass}, ${cy / mass})`);
  assert.ok(d.every((v) => v >= 0 && v <= 1));
});

test('an empty pad is no digit; other image sizes scale the box in proportion', () => {
  assert.equal(digitFromInk(new Float32Array(100), 10, 10), null);
  const ink = new Float32Array(64 * 64).fill(0);
  for (let i = 0; i < 64 * 64; i++) if (Math.hypot((i % 64) - 32, Math.floor(i / 64) - 32) < 20) ink[i] = 1;
  const d = digitFromInk(ink, 64, 64, 56)!;
  assert.equal(d.length, 56 * 56);
  const rows = new Set([...d.keys()].filter((i) => d[i]! > 0).map((i) => Math.floor(i / 56)));
  assert.equal(rows.size, 40);
});
