/** How `noisenet train` ends a run, on a dataset or on the user's own data: the final line, and a diverged run refused before it is saved. */
import { formatLogs } from '../callbacks/progbar-logger.js';
import { TrainingError } from '../errors.js';
import type { Logs } from '../train/callback.js';
import type { DivergenceWatch } from '../train/divergence.js';
import type { History } from '../train/history.js';

/**
 * Prints the last epoch's logs and returns them. With a folder to save to (`out`), a run whose
 * loss diverged is not worth keeping: throws a TrainingError saying so (the caller saves nothing).
 */
export function endTraining(history: History, epochs: number, out: string | undefined, divergence: DivergenceWatch, learningRate: number, print: (line: string) => void): Logs {
  const last: Logs = Object.fromEntries(Object.entries(history.history).map(([k, v]) => [k, v[v.length - 1]!]));
  print(`Final (epoch ${history.epoch.length}/${epochs}):${formatLogs(last).slice(2)}`);
  const diverged = out === undefined ? null : divergence.reason(last['loss']);
  if (diverged !== null) {
    const lr = learningRate;
    throw new TrainingError(`the run diverged: ${diverged}; the model was not saved; lower the learning rate (${lr >= 1e4 || lr < 1e-4 ? lr.toExponential() : lr}) or the noise`);
  }
  return last;
}
