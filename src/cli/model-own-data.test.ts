/**
 * A saved model measured on new data with `--data`: a folder without a test split is measured
 * whole, and its classes are the model's, matched by name (a folder of some of the classes is
 * scored against the right outputs; a class the model does not know is refused).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/run-cli.js';
import { grayPng } from '../testing/png.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'noisenet-model-own-data-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const SIDE = 8;

/** An 8x8 grey image of class `k`: a bright top half (0), left half (1) or bottom half (2), with seeded speckle. */
function image(k: number, i: number): Uint8Array {
  return Uint8Array.from({ length: SIDE * SIDE }, (_, p) => {
    const [row, col] = [Math.floor(p / SIDE), p % SIDE];
    const on = k === 0 ? row < SIDE / 2 : k === 1 ? col < SIDE / 2 : row >= SIDE / 2;
    return (on ? 200 : 30) + ((i * 37 + p * 11) % 40);
  });
}

function writeImages(folder: string, classes: Record<string, number>, from: number, count: number): void {
  for (const [name, k] of Object.entries(classes)) {
    mkdirSync(join(folder, name), { recursive: true });
    for (let i = from; i < from + count; i++) writeFileSync(join(folder, name, `${String(i).padStart(3, '0')}.png`), grayPng(SIDE, SIDE, image(k, i)));
  }
}

/** The share of `predict` lines whose class is the image's folder name. */
function predictedAccuracy(out: string): number {
  const lines = out.trim().split('\n');
  return lines.filter((l) => l.split('\t')[0]!.split('/')[0] === l.split('\t')[1]).length / lines.length;
}

test('evaluate --data on a folder without a test split measures every image, and a folder of some of the classes is scored against the model\'s outputs of those names', async () => {
  const folder = join(dir, 'shapes');
  const all = { top: 0, left: 1, bottom: 2 };
  writeImages(join(folder, 'train'), all, 0, 30);
  writeImages(join(folder, 'test'), all, 30, 10);
  const out = join(dir, 'run');
  const trained = await runCli('train', '--data', folder, '--epochs', '5', '--seed', '3', '--threads', '1', '--out', out, '-q');
  assert.equal(trained.code, 0, trained.err);
  const model = join(out, 'model');

  // The test folder given alone is the model's own test split: the same scores as without --data.
  const recorded = await runCli('evaluate', '--model', model);
  assert.equal(recorded.code, 0, recorded.err);
  const given = await runCli('evaluate', '--model', model, '--data', join(folder, 'test'));
  assert.equal(given.code, 0, given.err);
  assert.match(given.out, /^Data: images .*test, 30 samples, all measured \(it has no test split\); samples 8x8x1; 3 classes \(bottom, left, top\)$/m);
  assert.equal(given.out.split('\n')[1], recorded.out.split('\n')[1]);

  // Two of the three classes, in a folder of their own: 'left' and 'top' are the model's classes 1 and 2, not 0 and 1.
  const some = join(dir, 'some');
  writeImages(some, { left: 1, top: 0 }, 40, 10);
  const evaluated = await runCli('evaluate', '--model', model, '--data', some);
  assert.equal(evaluated.code, 0, evaluated.err);
  const accuracy = Number(/accuracy: (\d\.\d{4})/.exec(evaluated.out)![1]);
  const predicted = await runCli('predict', '--model', model, '--input', some);
  assert.equal(predicted.code, 0, predicted.err);
  assert.equal(accuracy.toFixed(4), predictedAccuracy(predicted.out).toFixed(4));
  assert.ok(accuracy > 0.5, `accuracy ${accuracy}`);

  // A class the model never saw is refused, naming it and the model's classes.
  const other = join(dir, 'other');
  writeImages(other, { left: 1, right: 1 }, 50, 2);
  const refused = await runCli('evaluate', '--model', model, '--data', other);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /^noisenet evaluate: images .*other holds class 'right', which the model does not know; its 3 classes are bottom, left, top$/m);
});
