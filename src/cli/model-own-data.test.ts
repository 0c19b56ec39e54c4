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

  // New images of one class only: measured (the model's other classes are simply absent), by evaluate, robustness and certify.
  const one = join(dir, 'one');
  writeImages(one, { left: 1 }, 60, 8);
  const single = await runCli('evaluate', '--model', model, '--data', one);
  assert.equal(single.code, 0, single.err);
  assert.match(single.out, /^Data: images .*one, 8 samples, all measured \(it has no test split\); samples 8x8x1; 3 classes \(bottom, left, top\)$/m);
  const singleAccuracy = Number(/accuracy: (\d\.\d{4})/.exec(single.out)![1]);
  const singlePredicted = await runCli('predict', '--model', model, '--input', one);
  assert.equal(singlePredicted.code, 0, singlePredicted.err);
  assert.equal(singleAccuracy.toFixed(4), predictedAccuracy(singlePredicted.out).toFixed(4));
  const singleRobust = await runCli('robustness', '--model', model, '--data', one, '--stddevs', '0,0.1', '--draws', '1');
  assert.equal(singleRobust.code, 0, singleRobust.err);
  assert.match(singleRobust.out, /8 samples, all measured/);
  const singleCertified = await runCli('certify', '--model', model, '--data', one, '--sigma', '0.25', '--n0', '10', '--n', '50', '--samples', '4');
  assert.equal(singleCertified.code, 0, singleCertified.err);
  assert.match(singleCertified.out, /8 samples, all measured/);
  // Training still needs two classes.
  const trainOne = await runCli('train', '--data', one, '--val-split', '0.5', '--epochs', '1', '--out', join(dir, 'run-one'), '-q');
  assert.equal(trainOne.code, 1);
  assert.match(trainOne.err, /1 class folder found, classification needs at least 2/);

  // A class the model never saw is refused, naming it and the model's classes.
  const other = join(dir, 'other');
  writeImages(other, { left: 1, right: 1 }, 50, 2);
  const refused = await runCli('evaluate', '--model', model, '--data', other);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /^noisenet evaluate: images .*other holds class 'right', which the model does not know; its 3 classes are bottom, left, top$/m);
});

test('evaluate, robustness and certify --data on a table with fewer categories and its columns in another order encode it as the model was trained: the accuracy is the share of rows predict gets right', async () => {
  const COLOURS = ['blue', 'green', 'red'];
  // The kind follows the colour, and for green the size: learnable in a few epochs.
  const rows = Array.from({ length: 90 }, (_, i) => {
    const colour = COLOURS[i % 3]!;
    const size = (i * 7) % 10;
    return { size, colour, weight: ((i * 5) % 11) / 2, kind: colour === 'red' || (colour === 'green' && size > 4) ? 'warm' : 'cool' };
  });
  const csv = join(dir, 'items.csv');
  writeFileSync(csv, ['size,colour,weight,kind', ...rows.map((r) => `${r.size},${r.colour},${r.weight},${r.kind}`)].join('\n'));
  const out = join(dir, 'items');
  const trained = await runCli('train', '--data', csv, '--val-split', '0.2', '--epochs', '8', '--seed', '1', '--threads', '1', '--out', out, '-q');
  assert.equal(trained.code, 0, trained.err);
  const model = join(out, 'model');

  // No green row, and the columns reordered (the target still last).
  const picked = rows.filter((r) => r.colour !== 'green').slice(0, 24);
  const fresh = join(dir, 'items-new.csv');
  writeFileSync(fresh, ['weight,colour,size,kind', ...picked.map((r) => `${r.weight},${r.colour},${r.size},${r.kind}`)].join('\n'));
  const evaluated = await runCli('evaluate', '--model', model, '--data', fresh);
  assert.equal(evaluated.code, 0, evaluated.err);
  assert.match(evaluated.out, /^Data: table .*items-new\.csv, 24 samples, all measured \(it has no test split\); 5 features; 2 classes \(cool, warm\)$/m);
  const accuracy = Number(/accuracy: (\d\.\d{4})/.exec(evaluated.out)![1]);
  const predicted = await runCli('predict', '--model', model, '--input', fresh);
  assert.equal(predicted.code, 0, predicted.err);
  const lines = predicted.out.trim().split('\n');
  assert.equal(lines.length, picked.length);
  const right = lines.filter((l, i) => l.split('\t')[1] === picked[i]!.kind).length;
  assert.equal(accuracy.toFixed(4), (right / picked.length).toFixed(4));

  const robust = await runCli('robustness', '--model', model, '--data', fresh, '--stddevs', '0,0.1', '--draws', '1');
  assert.equal(robust.code, 0, robust.err);
  assert.match(robust.out, /24 samples, all measured/);
  const certified = await runCli('certify', '--model', model, '--data', fresh, '--sigma', '0.25', '--n0', '10', '--n', '50', '--samples', '4');
  assert.equal(certified.code, 0, certified.err);
  assert.match(certified.out, /24 samples, all measured/);

  // Rows of one class only are measured too.
  const warm = picked.filter((r) => r.kind === 'warm');
  const oneClass = join(dir, 'items-warm.csv');
  writeFileSync(oneClass, ['size,colour,weight,kind', ...warm.map((r) => `${r.size},${r.colour},${r.weight},${r.kind}`)].join('\n'));
  const warmEvaluated = await runCli('evaluate', '--model', model, '--data', oneClass);
  assert.equal(warmEvaluated.code, 0, warmEvaluated.err);
  assert.match(warmEvaluated.out, new RegExp(`^Data: table .*items-warm\\.csv, ${warm.length} samples, all measured \\(it has no test split\\); 5 features; 2 classes \\(cool, warm\\)$`, 'm'));
  const warmAccuracy = Number(/accuracy: (\d\.\d{4})/.exec(warmEvaluated.out)![1]);
  const warmPredicted = await runCli('predict', '--model', model, '--input', oneClass);
  assert.equal(warmPredicted.code, 0, warmPredicted.err);
  const warmLines = warmPredicted.out.trim().split('\n');
  assert.equal(warmAccuracy.toFixed(4), (warmLines.filter((l) => l.split('\t')[1] === 'warm').length / warm.length).toFixed(4));

  // A category never seen at training is refused, naming the row and the column.
  writeFileSync(fresh, 'weight,colour,size,kind\n1,red,2,warm\n2,purple,3,cool\n');
  const refused = await runCli('evaluate', '--model', model, '--data', fresh);
  assert.notEqual(refused.code, 0);
  assert.match(refused.err, /items-new\.csv: row 3, column "colour": category "purple" was not seen in training \(known: blue, green, red\)$/m);
});
