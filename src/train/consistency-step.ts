/**
 * The training step of augmentations with a consistency loss (AugMix): the batch is gathered
 * and augmented as in `Engine.trainBatch`, the augmentation writes its further views after it,
 * the layers run forward once on all `views * count` rows (batch statistics over all of them,
 * as in the authors' code), the loss of the targets is taken on the batch's own rows, the
 * consistency loss over every view is added, and one backward pass and update follow.
 * Validation, `evaluate` and `predict` never see the views.
 */
import type { AugmentContext, Augmentation } from '../parts/augmentation.js';
import type { Optimizer } from '../parts/optimizer.js';
import type { StepContext } from '../step/step-context.js';
import type { FeatureSource, TargetSource } from './data-source.js';
import type { BatchAugmenter, BatchResult, Engine } from './engine.js';
import { consistencyOf } from '../parts/augmentation.js';
import { InvalidArgumentError } from '../errors.js';

/** One training step, as `Engine.trainBatch` takes it. */
export type TrainStep = (x: FeatureSource, y: TargetSource, index: Int32Array, start: number, count: number, ctx: StepContext, optimizer: Optimizer, augment?: BatchAugmenter) => BatchResult;

/** The step `fit` runs: the engine's own, or the consistency step when an augmentation trains on several views. */
export function trainStepFor(engine: Engine, augmentations: readonly Augmentation[], actx: AugmentContext): TrainStep {
  const consistent = consistencyOf(augmentations);
  if (!consistent) return (...args) => engine.trainBatch(...args);
  const loss = engine.loss;
  if (!engine.logits && !(loss && /crossentropy/i.test(loss.name))) {
    throw new InvalidArgumentError(`${consistent.name}: its consistency loss compares predicted class probabilities; train with a cross-entropy loss, not ${loss?.name ?? 'no loss'}`);
  }
  const views = consistent.views;
  return (x, y, index, start, count, ctx, optimizer, augment) => {
    const b = engine.backend;
    const size = x.x.sampleSize;
    const k = engine.outputs;
    const input = engine.buffer('x', count * size);
    x.gather(b, index, start, count, input);
    let targets = y.gather(b, index, start, count, engine.buffer('targets', count * k));
    if (augment) targets = augment(input, targets, count, ctx);
    const rows = engine.buffer('views:x', views * count * size);
    b.scale(input, 1, 0, rows, count * size);
    consistent.atStep?.(ctx.step);
    consistent.makeViews(rows, count, actx);
    const out = engine.forwardFrom(rows, views * count, ctx);
    const r = engine.score(out, targets, count, true);
    const grad = engine.buffer('views:grad', views * count * k);
    grad.fill(0);
    b.scale(r.grad!, 1, 0, grad, count * k);
    const consistency = consistent.consistencyLoss(out, engine.logits, count, k, grad, 1 / count);
    engine.backwardAndUpdate(grad, views * count, optimizer);
    return { loss: r.loss + consistency, correct: r.correct };
  };
}
