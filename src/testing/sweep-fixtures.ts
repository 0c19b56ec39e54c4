/** Sweeps small enough for the test suite, shared by the local and the queue tests. */
import type { SweepResults } from '../sweep/sweep-results.js';

/** 2 techniques x 3 levels + a baseline, 2 seeds: 14 runs of 1 epoch on 300 mnist-mini digits. */
export const SMALL_SWEEP = ['--dataset', 'mnist-mini', '--train-size', '300', '--epochs', '1', '--hidden', '16', '--lr', '0.01', '--seeds', '2', '--stddevs', '0,0.3', '--draws', '1', '--card-samples', '50', '--noise', 'gaussian:stddev={0.1,0.2,0.3}', '--noise', 'dropout:rate={0.2,0.35,0.5}@hidden'];

/** What decides a run's result: its id, history and robustness (times and worker differ). */
export const runOutcome = (r: SweepResults['runs'][number]): unknown => [r.id, r.configuration, r.seed, r.history, r.robustness];
