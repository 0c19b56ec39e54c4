import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StepRandom } from './step-random.js';
import { Xoshiro128, deriveSeed } from './xoshiro.js';
import { positionGenerator, positionStream } from './positions.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';

const backend = createRefBackend();

/** `n` normal draws from the backend stream of `random`. */
function normals(random: StepRandom, n = 8): number[] {
  const out = backend.alloc(n);
  backend.fillNormal(random.stream(backend), out, n, 0, 1);
  return Array.from(out);
}

test('the draws of a step depend only on the seed and the step, not on the draws before', () => {
  const walked = StepRandom.from(7, 'noise');
  for (let step = 0; step < 3; step++) {
    walked.at(step);
    normals(walked, 100);
    walked.generator().nextU32();
  }
  walked.at(3);
  const jumped = StepRandom.from(7, 'noise');
  jumped.at(3);
  assert.deepEqual(normals(walked), normals(jumped));
  assert.equal(walked.generator().nextU32(), jumped.generator().nextU32());
});

test('a stream or generator created after the step is set starts at that step', () => {
  const early = StepRandom.from(3, 'cutout');
  normals(early);
  early.generator();
  early.at(5);
  const late = StepRandom.from(3, 'cutout');
  late.at(5);
  assert.deepEqual(normals(late), normals(early));
  assert.equal(late.generator().nextU32(), early.generator().nextU32());
});

test('reseedFrom seeds the stream from the label and the generator from label:js, positioned as positions.ts says', () => {
  const random = StepRandom.from(11, 'noise');
  random.at(2);
  const stream = backend.createRandom(deriveSeed(11, 'noise'));
  positionStream(stream, 2);
  const expected = backend.alloc(8);
  backend.fillNormal(stream, expected, 8, 0, 1);
  assert.deepEqual(normals(random), Array.from(expected));
  const generator = new Xoshiro128(0);
  positionGenerator(generator, deriveSeed(11, 'noise:js'), 2);
  assert.equal(random.generator().nextU32(), generator.nextU32());
});

test('reseeding starts the draws again from the new seed at the current step', () => {
  const random = new StepRandom();
  random.at(4);
  const before = normals(random);
  random.reseed(99);
  const other = new StepRandom();
  other.reseed(99);
  other.at(4);
  const reseeded = normals(random);
  assert.deepEqual(reseeded, normals(other));
  assert.notDeepEqual(reseeded, before);
});
