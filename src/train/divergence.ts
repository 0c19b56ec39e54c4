/**
 * Whether a finished run diverged: its last epoch's loss is not finite, or over
 * {@link EXPLODED} times the loss of its first step (Adam at a learning rate of 1e9 ends near
 * 1e28). `fit` warns when an epoch's loss explodes; a command that saves the model asks this
 * callback, after `fit`, whether the model it is about to save is worth saving.
 */
import type { Callback, Logs } from './callback.js';
import { EXPLODED } from './fit.js';

export class DivergenceWatch implements Callback {
  /** The loss of the first step `fit` ran (per sample), once it ran. */
  private firstLoss: number | undefined;

  onBatchEnd(_batch: number, logs?: Logs): void {
    if (this.firstLoss === undefined && logs?.loss !== undefined) this.firstLoss = logs.loss;
  }

  /**
   * Why the run ended diverged, given its last epoch's loss: a one-line reason, or null when it
   * did not (or no step ran).
   */
  reason(lastLoss: number | undefined): string | null {
    const first = this.firstLoss;
    if (first === undefined || lastLoss === undefined) return null;
    if (!Number.isFinite(lastLoss)) return `the loss ended ${lastLoss}`;
    if (first > 0 && lastLoss > EXPLODED * first) return `the loss went from ${first.toFixed(4)} at the first step to ${lastLoss.toExponential(2)} in the last epoch (over ${EXPLODED} times larger)`;
    return null;
  }
}
