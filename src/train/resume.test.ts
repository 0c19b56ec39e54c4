import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRun } from '../run/build-run.js';
import { clusters } from '../testing/synthetic.js';
import type { Callback } from './callback.js';

const NOISE = [
  'gaussian:stddev=0.3->0.05,schedule=cosine',
  'dropout:rate=0.3@hidden',
  'masking:rate=0.1',
  'weight:stddev=0.01',
  'dropconnect:rate=0.2',
  'gradient:eta=0.001',
  'mixup:alpha=0.2',
  'cutout:size=3',
  'disturb-label:alpha=0.1',
];
const settings = { model: 'mlp', hidden: [16], activation: 'relu', noise: NOISE, optimizer: 'adam', lr: 0.01, momentum: 0 } as const;
const shape = { inputShape: [64], classes: 3, imageShape: [8, 8] as [number, number] };
const build = () => buildRun({ ...settings, hidden: [16], noise: [...NOISE] }, shape);

test('fit({ initialEpoch }) after restoring weights and optimizer state continues the same draws as an uninterrupted run', async () => {
  const data = clusters(100, 64, 3, 5);
  const options = { epochs: 5, batchSize: 16, seed: 11, validationData: [clusters(30, 64, 3, 6).x, clusters(30, 64, 3, 6).y] as [never, never] };

  const whole = build();
  const full = await whole.model.fit(data.x, data.y, { ...options, ...whole.fitOptions });

  // The same run stopped after epoch 2 (as a Ctrl-C would), its state taken...
  const first = build();
  const stop: Callback = { onEpochEnd: (epoch) => void (epoch === 1 && (first.model.stopTraining = true)) };
  const part = await first.model.fit(data.x, data.y, { ...options, ...first.fitOptions, callbacks: [stop] });
  assert.deepEqual(part.epoch, [0, 1]);
  const weights = first.model.getWeights();
  const slots = first.model.optimizer!.getWeights();

  // ...and restored into a fresh model, which resumes at epoch 2.
  const second = build();
  second.model.setWeights(weights);
  second.model.optimizer!.setWeights(slots);
  const rest = await second.model.fit(data.x, data.y, { ...options, ...second.fitOptions, initialEpoch: 2 });
  assert.deepEqual(rest.epoch, [2, 3, 4]);
  for (const key of Object.keys(full.history)) {
    assert.deepEqual([...part.history[key]!, ...rest.history[key]!], full.history[key], key);
  }
  assert.deepEqual(second.model.getWeights().map((w) => Array.from(w.data)), whole.model.getWeights().map((w) => Array.from(w.data)));
  assert.deepEqual(second.model.optimizer!.getWeights(), whole.model.optimizer!.getWeights());
});

test('initialEpoch must be an epoch before epochs', async () => {
  const { model } = build();
  const data = clusters(10, 64, 3, 1);
  await assert.rejects(model.fit(data.x, data.y, { epochs: 2, initialEpoch: 2 }), /fit: initialEpoch must be an integer >= 0 and <= 1, received 2/);
});
