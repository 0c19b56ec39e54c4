import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProgbarLogger, bar, formatLogs } from './progbar-logger.js';
import type { FitParams } from '../train/callback.js';

const params = (steps: number, epochs: number): FitParams => ({ epochs, initialEpoch: 0, steps, samples: steps * 32, batchSize: 32, seed: 42, validation: true });
const epochLogs = { loss: 0.25549, accuracy: 0.92468, val_loss: 0.13131, val_accuracy: 0.96012 };

/** A logger writing into an array, with a clock the test moves by hand. */
function fake(isTTY: boolean): { out: string[]; logger: ProgbarLogger; clock: { t: number } } {
  const out: string[] = [];
  const clock = { t: 0 };
  const logger = new ProgbarLogger({ write: (s) => out.push(s), isTTY, now: () => clock.t });
  return { out, logger, clock };
}

test('bar draws Keras 30-character bars with a padded count', () => {
  assert.equal(bar(1875, 1875), '1875/1875 [==============================]');
  assert.equal(bar(32, 1875), '  32/1875 [..............................]');
  assert.equal(bar(938, 1875), ' 938/1875 [==============>...............]');
  assert.equal(bar(1, 1), '1/1 [==============================]');
});

test('formatLogs prints 4 decimals in the logs order', () => {
  assert.equal(formatLogs(epochLogs), ' - loss: 0.2555 - accuracy: 0.9247 - val_loss: 0.1313 - val_accuracy: 0.9601');
  assert.equal(formatLogs({ loss: 0.00012345, accuracy: 1 }), ' - loss: 1.2345e-04 - accuracy: 1.0000');
});

test('off a terminal, one final line per epoch after the Epoch header', () => {
  const { out, logger, clock } = fake(false);
  logger.setParams(params(1875, 10));
  logger.onEpochBegin(0);
  for (let b = 0; b < 1875; b++) {
    clock.t += 5;
    logger.onBatchEnd(b, { loss: 0.3, accuracy: 0.9 });
  }
  clock.t += 250;
  logger.onEpochEnd(0, epochLogs);
  assert.equal(
    out.join(''),
    'Epoch 1/10\n1875/1875 [==============================] - 10s 5ms/step - loss: 0.2555 - accuracy: 0.9247 - val_loss: 0.1313 - val_accuracy: 0.9601\n',
  );
});

test('on a terminal, the bar is redrawn with \\r at most every 100 ms, then the final line', () => {
  const { out, logger, clock } = fake(true);
  logger.setParams(params(100, 2));
  logger.onEpochBegin(1);
  for (let b = 0; b < 100; b++) {
    clock.t += 30;
    logger.onBatchEnd(b, { loss: 1.5, accuracy: 0.5 });
  }
  clock.t += 10;
  logger.onEpochEnd(1, { loss: 0.5, accuracy: 0.75 });
  assert.equal(out[0], 'Epoch 2/2\n');
  const draws = out.slice(1, -2);
  // 30 ms per batch, redraw every >= 100 ms: batches 1, 5, 9, ... 97 -> 25 redraws.
  assert.equal(draws.length, 25);
  assert.equal(draws[0], '\r  1/100 [..............................] - ETA: 2s - loss: 1.5000 - accuracy: 0.5000');
  assert.equal(draws[1], '\r  5/100 [>.............................] - ETA: 2s - loss: 1.5000 - accuracy: 0.5000');
  assert.equal(draws[2], '\r  9/100 [=>............................] - ETA: 2s - loss: 1.5000 - accuracy: 0.5000');
  const final = out[out.length - 2]!;
  assert.equal(final, '\r100/100 [==============================] - 3s 30ms/step - loss: 0.5000 - accuracy: 0.7500');
  assert.equal(out[out.length - 1], '\n');
});

test('ETA switches to minutes past 60 s', () => {
  const { out, logger, clock } = fake(true);
  logger.setParams(params(1000, 1));
  logger.onEpochBegin(0);
  clock.t = 1000;
  logger.onBatchEnd(9, { loss: 1 });
  assert.match(out[1]!, / - ETA: 1:39 - loss: 1\.0000$/);
});

test('a shorter redraw blanks the rest of the previous one', () => {
  const { out, logger, clock } = fake(true);
  logger.setParams(params(10, 1));
  logger.onEpochBegin(0);
  clock.t = 1000;
  logger.onBatchEnd(0, { loss: 1, accuracy: 0.5, extra_metric_with_a_long_name: 1 });
  clock.t = 1001;
  logger.onEpochEnd(0, { loss: 1 });
  const [live, final] = [out[1]!, out[2]!];
  assert.equal(final.length, live.length);
  assert.match(final, /^\r10\/10 \[=+\] - 1s 100ms\/step - loss: 1\.0000 +$/);
});
