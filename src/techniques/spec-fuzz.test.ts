/**
 * Property tests of the `--noise` spec parser: any string either parses to a spec whose
 * technique is known and whose every parameter is in its declared range (and that parses again
 * to the same), or is refused with a one-line NoiseSpecError quoting it; a parsed spec applied
 * to a model gives a plan or a NoiseSpecError, never another exception.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseNoiseSpec, type NoiseSpec } from './parse.js';
import { applyNoiseSpecs } from './apply.js';
import { TECHNIQUES } from './catalogue.js';
import { NoiseSpecError } from './spec-error.js';
import { presetSpec } from '../models/presets.js';
import { InvalidArgumentError, oneLine } from '../errors.js';
import { assertTypedError, fuzzParams } from '../testing/fuzz.js';

const names = TECHNIQUES.flatMap((t) => [t.name, ...t.aliases]);
const keys = [...new Set(TECHNIQUES.flatMap((t) => t.params.map((p) => p.name))), 'schedule', 'per', 'stages'];
const number = fc.oneof(
  fc.double({ noDefaultInfinity: false }).map(String),
  fc.integer({ min: -5, max: 40 }).map(String),
  fc.constantFrom('0', '0.1', '0.5', '1', '1e-3', '-0', '.5', '5.', 'NaN', 'Infinity', '1e400', '', ' ', '0x10'),
);
const value = fc.oneof(number, fc.tuple(number, number).map(([a, b]) => `${a}->${b}`), fc.constantFrom('linear', 'cosine', 'exponential', 'step', 'epoch', 'batch', 'sample', '->', '0->', '1->2->3'), fc.string({ maxLength: 6 }));
const param = fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 5 })), value).map(([k, v]) => `${k}=${v}`);
const where = fc.oneof(fc.constant(''), fc.constantFrom('@input', '@hidden', '@output', '@all', '@1', '@2', '@9', '@0', '@-1', '@', '@@', '@hidden@1').map(String), fc.string({ maxLength: 4 }).map((s) => `@${s}`));
/** Specs close to valid ones: a known (or unknown) name, a few key=value pairs, a placement. */
const structured = fc
  .tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), fc.array(param, { maxLength: 4 }), where, fc.constantFrom('', ' ', ':', ',', ' , '))
  .map(([name, params, at, sep]) => `${name}${params.length ? `:${params.join(sep === ':' ? ',' : `,${sep.trim()}`)}` : sep === ':' ? ':' : ''}${at}`);
const anyText = fc.oneof(structured, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** Every parameter of a parsed spec is within its technique's declaration. */
function checkParsed(spec: NoiseSpec): void {
  const t = TECHNIQUES.find((x) => x === spec.technique);
  assert.ok(t, 'a catalogue technique');
  assert.deepEqual(Object.keys(spec.params).sort(), t.params.map((p) => p.name).sort(), 'exactly the declared parameters');
  for (const p of t.params) {
    const v = spec.params[p.name]!;
    if (p.choices) {
      assert.ok(p.choices.includes(v as string), `${p.name}=${String(v)} is a choice`);
      continue;
    }
    const ends = typeof v === 'number' ? [v] : typeof v === 'object' ? [v.from, v.to] : assert.fail(`${p.name} is a number or a schedule`);
    for (const n of ends) {
      assert.ok(Number.isFinite(n), `${p.name} finite: ${n}`);
      const r = p.range ?? {};
      if (r.min !== undefined) assert.ok(r.minExclusive ? n > r.min : n >= r.min, `${p.name}=${n} >= ${r.min}`);
      if (r.max !== undefined) assert.ok(r.maxExclusive ? n < r.max : n <= r.max, `${p.name}=${n} <= ${r.max}`);
      if (r.integer) assert.ok(Number.isInteger(n), `${p.name}=${n} integer`);
    }
  }
  assert.deepEqual(parseNoiseSpec(spec.text).params, spec.params, 'parses again to the same');
}

test('fuzz: any text parses to a spec within its declared ranges or is a one-line NoiseSpecError quoting it', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      let spec: NoiseSpec;
      try {
        spec = parseNoiseSpec(text);
      } catch (err) {
        assertTypedError(err, oneLine(`noise spec '${text.trim()}': `), NoiseSpecError);
        return;
      }
      checkParsed(spec);
    }),
    fuzzParams,
  );
});

test('fuzz: a parsed spec applied to a model gives a plan or a NoiseSpecError', () => {
  const model = presetSpec('mlp', { inputShape: [64], classes: 3, hidden: [8, 4] });
  fc.assert(
    fc.property(fc.array(structured, { minLength: 1, maxLength: 3 }), fc.boolean(), (texts, images) => {
      const specs: NoiseSpec[] = [];
      for (const t of texts) {
        try {
          specs.push(parseNoiseSpec(t));
        } catch (err) {
          assertTypedError(err, 'noise spec ', NoiseSpecError);
        }
      }
      try {
        const plan = applyNoiseSpecs(specs, model, images ? { imageShape: [8, 8] } : {});
        assert.equal(plan.specs.length, specs.length);
        assert.equal(plan.model.layers[0]!.className, 'InputLayer');
      } catch (err) {
        assertTypedError(err, 'noise spec ', NoiseSpecError);
      }
    }),
    fuzzParams,
  );
});

test('fuzz: values that are not strings are a one-line InvalidArgumentError', () => {
  fc.assert(
    fc.property(fc.anything().filter((v) => typeof v !== 'string'), (v) => {
      assert.throws(() => parseNoiseSpec(v as string), (err: unknown) => (assertTypedError(err, 'noise spec: ', InvalidArgumentError), true));
    }),
    fuzzParams,
  );
});
