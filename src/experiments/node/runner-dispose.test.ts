/** The experiment runner disposes every model once its run is recorded, so the next run reuses its memory. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExperiment } from './runner.js';
import type { RunContext } from '../run-factory.js';
import { parseExperimentConfig } from '../config-parse.js';
import type { ExperimentData } from '../data.js';
import { sequential, type Sequential } from '../../models/sequential.js';
import { input } from '../../layers/input.js';
import { dense } from '../../layers/dense.js';
import { clusters } from '../../testing/synthetic.js';

const data: ExperimentData = { name: 'clusters', source: 'synthetic (test)', classes: ['a', 'b', 'c'], train: clusters(60, 8, 3, 1, 0.9), validation: clusters(30, 8, 3, 2, 0.9) };
const config = parseExperimentConfig({ name: 'tiny', epochs: 1, batchSize: 16, hidden: [4], seeds: [1, 2], configurations: [{ name: 'baseline' }], robustness: { stddevs: [0], draws: 1 } }, 'test');

test('every model the factory built is disposed after its run, the failing one too', async () => {
  const built: Sequential[] = [];
  const factory = ({ inputShape, classes }: RunContext): Sequential => {
    const model = sequential([input({ shape: [inputShape.reduce((a, b) => a * b, 1)] }), dense({ units: 4, activation: 'relu' }), dense({ units: classes, activation: 'softmax' })]);
    built.push(model);
    return model;
  };
  const results = await runExperiment(config, { runFactory: factory, data });
  assert.equal(results.runs.length, 2);
  assert.equal(built.length, 3, 'one model per configuration checked before the runs, then one per run');
  assert.ok(built.every((m) => m.isDisposed));

  const failing = parseExperimentConfig({ ...JSON.parse(JSON.stringify(config)), seeds: [1], lr: 1e30, optimizer: 'sgd' }, 'test');
  built.length = 0;
  await assert.rejects(runExperiment(failing, { runFactory: factory, data }));
  assert.equal(built.length, 2);
  assert.ok(built.every((m) => m.isDisposed), 'a run that throws disposes its model too');
});
