import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TECHNIQUES, findTechnique, noiseStddevSpec, parseNoiseSpec } from './index.js';
import { InvalidArgumentError } from '../errors.js';

/** The examples of the spec language documented for the CLI: one per technique. */
const EXAMPLES = [
  'gaussian:stddev=0.1',
  'dropout:rate=0.5@hidden',
  'spatial-dropout:rate=0.2@hidden',
  'drop-path:rate=0.2',
  'shake-shake:mode=image',
  'shakedrop:rate=0.5',
  'dropblock:blockSize=3,keepProb=0.9@hidden',
  'gaussian-dropout:rate=0.2',
  'alpha-dropout:rate=0.1',
  'masking:rate=0.2',
  'salt-pepper:rate=0.1',
  'uniform:amplitude=0.05',
  'weight:stddev=0.01',
  'dropconnect:rate=0.5',
  'l2:lambda=0.0001',
  'gradient:eta=0.3,gamma=0.55',
  'label-smoothing:epsilon=0.1',
  'disturb-label:alpha=0.1',
  'mixup:alpha=0.2',
  'cutout:size=8',
  'cutmix:alpha=1',
  'random-erasing:probability=0.5',
  'affine:shift=2,rotate=10,scale=0.1',
  'elastic:alpha=34,sigma=4',
  'rand-augment:n=2,magnitude=9',
  'trivial-augment',
  'augmix:severity=3,width=3,lambda=12',
  'adversarial:eps=0.1',
];

test('every documented example parses, with defaults filled in', () => {
  for (const text of EXAMPLES) assert.equal(parseNoiseSpec(text).text, text);
  assert.deepEqual(parseNoiseSpec('gaussian:stddev=0.1').params, { stddev: 0.1 });
  const d = parseNoiseSpec('dropout:rate=0.5@hidden');
  assert.equal(d.technique.name, 'dropout');
  assert.equal(d.where, 'hidden');
  assert.deepEqual(parseNoiseSpec('salt-pepper:rate=0.1').params, { rate: 0.1, min: 0, max: 1 });
  assert.deepEqual(parseNoiseSpec('affine:shift=2,rotate=10,scale=0.1').params, { shift: 2, rotate: 10, scale: 0.1, interpolation: 'bilinear' });
  assert.deepEqual(parseNoiseSpec('gradient:eta=0.3,gamma=0.55').params, { eta: 0.3, gamma: 0.55 });
  assert.equal(parseNoiseSpec('dropout').params['rate'], 0.5);
  assert.equal(parseNoiseSpec('dropout').where, 'input');
  assert.equal(parseNoiseSpec('dropout:rate=0.3@2').where, 2);
  assert.equal(parseNoiseSpec('weight:stddev=0.01').where, 'all');
  assert.equal(parseNoiseSpec('dropconnect:rate=0.5').where, 'hidden');
  assert.equal(parseNoiseSpec('dropconnect:rate=0.5@output').where, 'output');
  assert.equal(parseNoiseSpec('mixup:alpha=0.2').where, null);
  assert.deepEqual(parseNoiseSpec('mixup:alpha=0.2,mode=sample').params, { alpha: 0.2, mode: 'sample' });
  assert.equal(parseNoiseSpec(' Gaussian-Noise:stddev=0.2 ').technique.name, 'gaussian');
  assert.deepEqual(parseNoiseSpec(noiseStddevSpec(0.3)).params, { stddev: 0.3 });
  assert.equal(noiseStddevSpec('0.1'), 'gaussian:stddev=0.1');
});

test('annealed values parse into schedules', () => {
  assert.deepEqual(parseNoiseSpec('gaussian:stddev=0.3->0').params['stddev'], { from: 0.3, to: 0, schedule: 'linear', per: 'step' });
  assert.deepEqual(parseNoiseSpec('dropout:rate=0.5->0.1,schedule=cosine,per=epoch@hidden').params['rate'], { from: 0.5, to: 0.1, schedule: 'cosine', per: 'epoch' });
  assert.deepEqual(parseNoiseSpec('masking:rate=0.4->0,schedule=step,stages=4').params['rate'], { from: 0.4, to: 0, schedule: 'step', per: 'step', stages: 4 });
  assert.deepEqual(parseNoiseSpec('weight:stddev=0.1->0.001,schedule=exponential').params['stddev'], { from: 0.1, to: 0.001, schedule: 'exponential', per: 'step' });
});

const BAD: [string, string][] = [
  ['foo:x=1', "noise spec 'foo:x=1': unknown technique 'foo'; known: gaussian, gaussian-dropout, dropout, spatial-dropout, dropblock, drop-path, shake-shake, shakedrop, alpha-dropout, masking, salt-pepper, uniform, weight, dropconnect, l2, gradient, label-smoothing, disturb-label, mixup, cutout, cutmix, random-erasing, affine, elastic, rand-augment, trivial-augment, augmix, adversarial"],
  ['dropout:p=0.5', "noise spec 'dropout:p=0.5': unknown parameter 'p' for dropout; known: rate, schedule, per, stages"],
  ['dropout:rate=1', "noise spec 'dropout:rate=1': rate must be a number >= 0 and < 1, received 1"],
  ['dropout:rate=-0.2@hidden', "noise spec 'dropout:rate=-0.2@hidden': rate must be a number >= 0 and < 1, received -0.2"],
  ['gaussian:stddev=-0.1', "noise spec 'gaussian:stddev=-0.1': stddev must be a number >= 0, received -0.1"],
  ['gaussian:stddev=abc', `noise spec 'gaussian:stddev=abc': stddev must be a number or an annealed 'from->to', received "abc"`],
  ['dropout:rate=0.5->x', `noise spec 'dropout:rate=0.5->x': rate must be a number or an annealed 'from->to', received "0.5->x"`],
  ['dropout:rate=0.5->1.2', "noise spec 'dropout:rate=0.5->1.2': rate must be a number >= 0 and < 1, received 1.2"],
  ['dropout:rate=0.5->0,schedule=sine', `noise spec 'dropout:rate=0.5->0,schedule=sine': rate schedule must be one of 'linear', 'cosine', 'exponential', 'step', received "sine"`],
  ['dropout:rate=0.5->0,per=batch', `noise spec 'dropout:rate=0.5->0,per=batch': rate per must be one of 'step', 'epoch', received "batch"`],
  ['gaussian:stddev=0.3->0,schedule=exponential', `noise spec 'gaussian:stddev=0.3->0,schedule=exponential': stddev must be a schedule with from > 0 and to > 0 for an exponential schedule, received "0.3->0"`],
  ['dropout:rate=0.5,schedule=cosine', "noise spec 'dropout:rate=0.5,schedule=cosine': schedule, per and stages need an annealed value written from->to, e.g. rate=0.5->0"],
  ['gradient:eta=0.3->0', `noise spec 'gradient:eta=0.3->0': eta must be a number (it cannot be annealed), received "0.3->0"`],
  ['mixup:alpha=0.2@hidden', "noise spec 'mixup:alpha=0.2@hidden': mixup is not placed in the layer stack; remove '@hidden'"],
  ['dropout@output', "noise spec 'dropout@output': @output must be @input, @hidden or the number of a hidden layer (@1 is the first)"],
  ['weight:stddev=0.1@input', "noise spec 'weight:stddev=0.1@input': @input must be @all, @hidden, @output or the number of a hidden layer (@1 is the first)"],
  ['dropout:rate', "noise spec 'dropout:rate': parameter 'rate' must be key=value"],
  ['dropout:rate=0.1,rate=0.2', "noise spec 'dropout:rate=0.1,rate=0.2': parameter 'rate' is given twice"],
  [':rate=0.1', "noise spec ':rate=0.1': missing technique; expected technique[:key=value,...][@where]"],
  ['mixup:mode=pairs', `noise spec 'mixup:mode=pairs': mode must be one of 'batch', 'sample', received "pairs"`],
];

test('bad specs give one-line InvalidArgumentErrors naming the spec and the mistake', () => {
  for (const [spec, message] of BAD) {
    assert.throws(() => parseNoiseSpec(spec), (e: Error) => e instanceof InvalidArgumentError && e.message === message && !e.message.includes('\n'), spec);
  }
});

test('the catalogue has unique names, resolvable aliases and complete entries', () => {
  const names = TECHNIQUES.flatMap((t) => [t.name, ...t.aliases]);
  assert.equal(new Set(names).size, names.length);
  for (const t of TECHNIQUES) {
    for (const n of [t.name, ...t.aliases]) assert.equal(findTechnique(n), t);
    assert.ok(t.formula && t.paper && t.description && t.api && t.offeredBy.keras && t.offeredBy.tfjs && t.offeredBy.pytorch, t.name);
    for (const p of t.params) assert.ok(p.choices ? p.choices.includes(p.default as string) : typeof p.default === 'number', `${t.name}.${p.name}`);
  }
  assert.deepEqual(EXAMPLES.map((e) => parseNoiseSpec(e).technique.name).sort(), TECHNIQUES.map((t) => t.name).sort(), 'one example per technique');
  assert.deepEqual(TECHNIQUES.map((t) => t.example).sort(), [...EXAMPLES].sort());
});
