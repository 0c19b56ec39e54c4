import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findJsonError } from './json-error.js';

test('valid JSON has no error; JSON.parse agrees on a set of texts', () => {
  const texts = ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ', '0', '"s"', '{"a":{"b":[]}}', '[1,]', '{"a" 1}', '{a: 1}', '01', '[1 2]', '"\\x"', 'tru', '{"a":1,}', '', '-', '[1.]'];
  for (const t of texts) {
    let valid = true;
    try {
      JSON.parse(t);
    } catch {
      valid = false;
    }
    assert.equal(findJsonError(t) === null, valid, JSON.stringify(t));
  }
});

test('the position points at the offending character', () => {
  assert.deepEqual(findJsonError('[1, 2,]'), { position: 6, expected: 'a value' });
  assert.deepEqual(findJsonError('{"a": 1 "b": 2}'), { position: 8, expected: "',' or '}'" });
  assert.deepEqual(findJsonError('{1: 2}'), { position: 1, expected: 'a property name in double quotes' });
});
