import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JSON_LIMITS, JsonLimitError, checkJsonBounds, parseBoundedJson } from './bounded-json.js';

function nested(depth: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function limitError(source: string, limit: JsonLimitError['limit'], max: number): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof JsonLimitError, `a JsonLimitError, got ${String(err)}`);
    assert.deepEqual([err.source, err.limit, err.max], [source, limit, max]);
    assert.ok(err.message.startsWith(`${source}: `) && !err.message.includes('\n'), err.message);
    return true;
  };
}

test('a JSON text within the bounds parses as JSON.parse does', () => {
  const text = JSON.stringify({ name: 'a [b] {c} "d"', list: [[1, 2], { x: null }], deep: nested(JSON_LIMITS.maxDepth - 1) });
  assert.deepEqual(parseBoundedJson(text, 'f.json'), JSON.parse(text));
});

test('a text nested past the depth bound is refused before it is parsed, naming the source, the limit and what was found', () => {
  const text = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
  assert.throws(() => parseBoundedJson(text, 'deep.json'), limitError('deep.json', 'depth', JSON_LIMITS.maxDepth));
  assert.throws(() => parseBoundedJson(text, 'deep.json'), /^JsonLimitError: deep\.json: JSON nested too deeply: at most 64 levels of objects and arrays, found more than 64$/);
});

test('brackets inside strings do not count as nesting', () => {
  const text = JSON.stringify({ s: '['.repeat(1000), t: '\\"[[[' });
  assert.deepEqual(parseBoundedJson(text, 'f.json'), JSON.parse(text));
});

test('a text past the size bound, or holding too many values, is refused', () => {
  const limits = { maxChars: 100, maxDepth: 8, maxValues: 10 };
  assert.throws(() => parseBoundedJson(' '.repeat(101), 'big.json', limits), limitError('big.json', 'characters', 100));
  assert.throws(() => parseBoundedJson(JSON.stringify(Array.from({ length: 10 }, (_, i) => i)), 'many.json', limits), limitError('many.json', 'values', 10));
  assert.deepEqual(parseBoundedJson('[1,2,3]', 'ok.json', limits), [1, 2, 3]);
  assert.throws(() => checkJsonBounds({ spec: 'x'.repeat(60), [`k${'y'.repeat(50)}`]: 1 }, 'job 3', limits), limitError('job 3', 'characters', 100));
  assert.doesNotThrow(() => checkJsonBounds({ spec: 'x'.repeat(40), k: 1 }, 'job 3', limits));
});

test('invalid JSON within the bounds throws SyntaxError as JSON.parse does', () => {
  assert.throws(() => parseBoundedJson('{"a": }', 'bad.json'), SyntaxError);
});

test('a parsed value nested a million deep is refused without exhausting the stack', () => {
  assert.throws(() => checkJsonBounds(nested(1_000_000), 'job 7'), limitError('job 7', 'depth', JSON_LIMITS.maxDepth));
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => checkJsonBounds(cyclic, 'job 8'), limitError('job 8', 'depth', JSON_LIMITS.maxDepth));
  assert.doesNotThrow(() => checkJsonBounds(nested(JSON_LIMITS.maxDepth - 1), 'job 9'));
});
