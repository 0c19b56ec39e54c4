import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExperimentProgressBar, formatDuration, formatExperimentProgress, type ExperimentProgress } from './progress.js';

const base: ExperimentProgress = { event: 'batch', run: 2, runs: 6, configuration: 'gauss', seed: 1, epoch: 3, epochs: 5, done: 7.5, total: 30, elapsedMs: 75_000, etaMs: 225_000 };

test('one line for the whole experiment: run, configuration, seed, epoch, bar over runs x epochs, ETA', () => {
  assert.equal(formatExperimentProgress(base), 'run 2/6 gauss seed 1 epoch 3/5  7.5/30 [======>.......................] 25% - ETA: 3:45');
  assert.equal(
    formatExperimentProgress({ ...base, event: 'epoch', done: 8, logs: { loss: 0.3, val_loss: 0.25, val_accuracy: 0.91 } }),
    'run 2/6 gauss seed 1 epoch 3/5   8/30 [=======>......................] 26% - ETA: 3:45 - val_accuracy: 0.9100 - val_loss: 0.2500',
  );
  assert.match(formatExperimentProgress({ ...base, event: 'robustness' }), /^run 2\/6 gauss seed 1 robustness /);
  assert.equal(formatExperimentProgress({ ...base, event: 'done', run: 6, done: 30, etaMs: 0 }), 'finished 6/6 runs  30/30 [==============================] 100% - 1:15');
  assert.equal(formatDuration(3_725_000), '1:02:05');
  assert.equal(formatDuration(4_000), '4s');
});

test('on a terminal the bar is redrawn in place, throttled; off a terminal one line per epoch', () => {
  const out: string[] = [];
  let t = 0;
  const tty = new ExperimentProgressBar({ write: (s) => out.push(s), isTTY: true, now: () => t });
  tty.update(base);
  t = 50;
  tty.update({ ...base, done: 7.6 });
  t = 150;
  tty.update({ ...base, done: 7.7 });
  tty.update({ ...base, event: 'done', done: 30 });
  assert.equal(out.length, 3);
  assert.ok(out.every((s) => s.startsWith('\r')));
  assert.ok(out[2]!.endsWith('\n'));
  const lines: string[] = [];
  const plain = new ExperimentProgressBar({ write: (s) => lines.push(s) });
  plain.update(base);
  plain.update({ ...base, event: 'epoch', done: 8 });
  plain.update({ ...base, event: 'done', done: 30 });
  assert.equal(lines.length, 2);
  assert.ok(lines.every((l) => l.endsWith('\n') && !l.includes('\r')));
});
