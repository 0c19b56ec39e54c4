import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CountProgress } from './count-progress.js';

test('off a terminal: a line per tenth of the work; on a terminal: redrawn in place, throttled, ended by a newline', () => {
  let t = 0;
  let out = '';
  const lines = new CountProgress({ label: 'certify', write: (s) => void (out += s), isTTY: false, now: () => t });
  for (let i = 1; i <= 20; i++) {
    t += 1000;
    lines.update(i, 20);
  }
  const printed = out.trimEnd().split('\n');
  assert.equal(printed.length, 10);
  assert.equal(printed[0], 'certify  2/20 [==>...........................] 10% - ETA: 18s');
  assert.equal(printed[9], 'certify 20/20 [==============================] 100% - 20s');

  out = '';
  t = 0;
  const tty = new CountProgress({ label: 'robustness', write: (s) => void (out += s), isTTY: true, now: () => t });
  tty.update(1, 4);
  t += 50;
  tty.update(2, 4); // throttled
  t += 100;
  tty.update(3, 4);
  assert.equal(out.split('\r').length - 1, 2);
  tty.end();
  assert.ok(out.endsWith('\n'));
  const quiet = new CountProgress({ label: 'x', write: () => assert.fail('no output'), isTTY: false, lines: false });
  quiet.update(5, 5);
});
