/**
 * `progbarLogger()` with no options prints to the standard output, as Keras does: in Node the
 * Node entry makes it `process.stdout`; the core, which has no standard output, takes any
 * writer through `setStandardOutput` and otherwise asks for `write` in a typed error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from '../errors.js';
import { progbarLogger } from './progbar-logger.js';
import { setStandardOutput, standardOutput } from './standard-output.js';

const NODE_ENTRY = new URL('../node.js', import.meta.url).href;

test('progbarLogger() in Node prints Keras progress to standard output', () => {
  const program = `
    import { sequential, input, dense, adam, progbarLogger } from ${JSON.stringify(NODE_ENTRY)};
    const model = sequential([input({ shape: [2] }), dense({ units: 2, activation: 'softmax' })]);
    model.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit([[0, 1], [1, 0], [1, 1], [0, 0]], [0, 1, 1, 0], { epochs: 2, batchSize: 2, seed: 1, callbacks: [progbarLogger()] });
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8', cwd: fileURLToPath(new URL('.', import.meta.url)) });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Epoch 1\/2\n2\/2 \[=+\] - \d+s \d+(us|ms)\/step - loss: \d\.\d{4} - accuracy: \d\.\d{4}\nEpoch 2\/2\n2\/2 \[=+\] /);
  assert.equal(r.stderr, '');
});

test('without a standard output, progbarLogger() asks for write; a set output is used', () => {
  const saved = standardOutput();
  try {
    setStandardOutput(null);
    assert.throws(() => progbarLogger(), (e: unknown) => e instanceof InvalidArgumentError && /^progbarLogger: write must be given where there is no standard output \(or set one with setStandardOutput\)/.test(e.message));
    const seen: string[] = [];
    setStandardOutput({ write: (s) => seen.push(s), isTTY: false });
    const logger = progbarLogger();
    logger.setParams({ epochs: 1, initialEpoch: 0, steps: 1, samples: 1, batchSize: 1, seed: 0, validation: false });
    logger.onEpochBegin(0);
    logger.onEpochEnd(0, { loss: 1 });
    assert.equal(seen[0], 'Epoch 1/1\n');
    assert.match(seen.join(''), /1\/1 \[=+\] .* - loss: 1\.0000\n$/);
  } finally {
    setStandardOutput(saved);
  }
});
