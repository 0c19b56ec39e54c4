import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NoisenetError, oneLine, printable } from './errors.js';

test('oneLine escapes line breaks, terminal escapes, C1 controls and text reordering characters', () => {
  assert.equal(oneLine('a\nb\r\tc'), 'a\\nb\\r\\tc');
  assert.equal(oneLine('x\u001b[31my\u009b2J\u007f'), 'x\\u001b[31my\\u009b2J\\u007f');
  assert.equal(oneLine('p\u2028q\u202er\u2066s'), 'p\\u2028q\\u202er\\u2066s');
  assert.equal(oneLine('plain: é ü 漢字'), 'plain: é ü 漢字');
  assert.equal(new NoisenetError('name "a\n\u001b[2Jb"').message, 'name "a\\n\\u001b[2Jb"');
});

test('printable keeps line breaks, tabs and a leading carriage return, and escapes the rest', () => {
  assert.equal(printable('one\ttwo\nthree\n'), 'one\ttwo\nthree\n');
  assert.equal(printable('\r[=====] 50%'), '\r[=====] 50%');
  assert.equal(printable('run "evil\u001b[31m\rred"\n'), 'run "evil\\u001b[31m\\rred"\n');
});
