/**
 * Noise settings that would silently do nothing, or not what they promise, are refused or
 * reported: a masking or salt-and-pepper rate that rounds to no corrupted value, schedule keys
 * a schedule does not use, and alpha dropout where its SELU correction does not hold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { maskingNoise } from './masking-noise.js';
import { saltAndPepper } from './salt-and-pepper.js';
import { gaussianNoise } from './gaussian-noise.js';
import { parseNoiseSpec } from '../techniques/parse.js';
import { applyNoiseSpecs } from '../techniques/apply.js';
import { presetSpec } from '../models/presets.js';
import { buildRun } from '../run/build-run.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { InvalidArgumentError } from '../errors.js';
import type { Layer } from '../parts/layer.js';

const refused = (message: RegExp) => (e: unknown): boolean => e instanceof InvalidArgumentError && message.test(e.message);
const build = (...layers: Layer[]): void => sequential([input({ shape: [20] }), ...layers, dense({ units: 2 })], { backend: createRefBackend() }).build();

test('a masking or salt-and-pepper rate that corrupts no value of a sample is refused when the model is built', () => {
  assert.throws(() => build(maskingNoise({ rate: 0.01 })), refused(/^maskingNoise: rate must be at least 0\.025 for samples of 20 values \(round\(rate x 20\) values are corrupted, none below that\), received 0\.01$/));
  assert.throws(() => build(saltAndPepper({ rate: 0.02 })), refused(/^saltAndPepper: rate must be at least 0\.025 for samples of 20 values .*received 0\.02$/));
  assert.throws(() => build(maskingNoise({ rate: { from: 0.02, to: 0 } })), refused(/received "0\.02->0"$/), 'a schedule whose largest rate corrupts nothing');
  build(maskingNoise({ rate: 0.025 }));
  build(maskingNoise({ rate: 0 }));
  build(maskingNoise({ rate: { from: 0.3, to: 0.01 } })); // annealed towards none: intended
  const run = (): unknown => buildRun({ model: 'mlp', hidden: [20], activation: 'relu', noise: ['masking:rate=0.01@hidden'], optimizer: 'adam', lr: 0.001, momentum: 0 }, { inputShape: [784], classes: 10 });
  assert.throws(run, refused(/maskingNoise: rate must be at least 0\.025 for samples of 20 values/));
});

test('stages, and any other key, are refused for schedules that do not use them', () => {
  assert.throws(() => parseNoiseSpec('gaussian:stddev=0.3->0,schedule=cosine,stages=4'), refused(/^noise spec 'gaussian:stddev=0\.3->0,schedule=cosine,stages=4': stddev stages apply only to schedule=step, received 4$/));
  assert.throws(() => parseNoiseSpec('gaussian:stddev=0.3->0,stages=4'), refused(/stddev stages apply only to schedule=step, received 4$/), 'the default schedule is linear');
  assert.equal(parseNoiseSpec('gaussian:stddev=0.3->0,schedule=step,stages=4').params['stddev'] && (parseNoiseSpec('gaussian:stddev=0.3->0,schedule=step,stages=4').params['stddev'] as { stages: number }).stages, 4);
  assert.throws(() => gaussianNoise({ stddev: { from: 0.3, to: 0, schedule: 'linear', stages: 3 } }), refused(/^gaussianNoise: stddev stages apply only to schedule=step, received 3$/));
  assert.throws(() => gaussianNoise({ stddev: { from: 0.3, to: 0, shedule: 'cosine' } as never }), refused(/^gaussianNoise: unknown option 'stddev\.shedule'; known: from, to, schedule, per, stages$/));
});

test('alpha dropout goes after the hidden layers by default, and warns where its SELU correction does not hold', () => {
  const spec = (activation: 'relu' | 'selu') => presetSpec('mlp', { inputShape: [784], classes: 10, hidden: [32, 16], activation });
  const selu = applyNoiseSpecs(['alpha-dropout:rate=0.1'], spec('selu'));
  assert.deepEqual(selu.model.layers.map((l) => l.className), ['InputLayer', 'Dense', 'AlphaDropout', 'Dense', 'AlphaDropout', 'Dense']);
  assert.deepEqual(selu.warnings, []);
  const onInputs = applyNoiseSpecs(['alpha-dropout:rate=0.1@input'], spec('selu'));
  assert.deepEqual(onInputs.warnings, ["noise spec 'alpha-dropout:rate=0.1@input': alpha dropout keeps mean 0 and variance 1 only for the outputs of selu layers; here it gets the inputs"]);
  const relu = applyNoiseSpecs(['alpha-dropout:rate=0.1'], spec('relu'));
  assert.deepEqual(relu.warnings, ["noise spec 'alpha-dropout:rate=0.1': alpha dropout keeps mean 0 and variance 1 only for the outputs of selu layers; here it gets the outputs of relu layers (use selu activations)"]);
  assert.deepEqual(buildRun({ model: spec('relu'), hidden: [], activation: 'relu', noise: ['alpha-dropout:rate=0.1'], optimizer: 'adam', lr: 0.001, momentum: 0 }, { inputShape: [784], classes: 10 }).warnings, relu.warnings);
});
