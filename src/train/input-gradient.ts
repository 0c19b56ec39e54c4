/**
 * The gradient of the loss with respect to the model's input, through every layer: what
 * adversarial attacks (FGSM, PGD) and adversarial training read. It runs the layers forward
 * with noise off (inference: dropout passes, batch norm uses its moving statistics), scores
 * the output, and runs the backward pass down to the input. The training step never calls it,
 * so it costs nothing when no attack asks (the engine keeps skipping the first layers' input
 * gradients there).
 *
 * Each row's gradient is the one of that row's own loss (the summed loss, `gradScale` 1): rows
 * do not interact at inference. The layers skip their weights' gradients (`weightGrads`
 * false): the next training step computes them.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { BatchTargets } from '../parts/loss.js';
import type { StepContext } from '../step/step-context.js';
import type { Engine } from './engine.js';
import { InputGradientError } from '../errors.js';

const OFF: StepContext = { training: false, step: 0, epoch: 0 };

/**
 * Writes `d loss_r / d input_r` of `count` rows of `input` into `grad` (both of `count *
 * sampleSize` values, `grad` not `input`) and, when given, whether each row is classified
 * correctly at `input` into `correct`. Returns the summed loss. `input` is not changed.
 * @throws InputGradientError when the engine has no loss or a layer gives no input gradient (naming it).
 */
export function inputGradient(engine: Engine, input: FloatArray, targets: BatchTargets, count: number, grad: FloatArray, correct?: Uint8Array): number {
  const loss = engine.loss;
  if (!loss) throw new InputGradientError('input gradient: the model has no loss; compile it first');
  const out = engine.forwardFrom(input, count, OFF);
  if (correct) markCorrect(out, targets, count, engine.outputs, correct);
  const dOut = engine.buffer('input-gradient:out', count * engine.outputs);
  const total = loss.compute(engine.backend, out, engine.logits, targets, count, engine.outputs, dOut, 1);
  const dx = engine.backwardToInput(dOut, count);
  grad.set(dx.subarray(0, count * engine.layers[0]!.inputSize));
  return total;
}

/** `correct[r] = 1` when row r's largest output is its class (for dense targets, the target's largest value). */
export function markCorrect(out: FloatArray, targets: BatchTargets, count: number, k: number, correct: Uint8Array): void {
  for (let r = 0; r < count; r++) {
    let a = 0;
    for (let j = 1; j < k; j++) if (out[r * k + j]! > out[r * k + a]!) a = j;
    let label: number;
    if (targets.kind === 'sparse') label = targets.labels[r]!;
    else {
      label = 0;
      for (let j = 1; j < k; j++) if (targets.values[r * k + j]! > targets.values[r * k + label]!) label = j;
    }
    correct[r] = a === label ? 1 : 0;
  }
}
