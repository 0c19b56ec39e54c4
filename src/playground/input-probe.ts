/**
 * What the network sees: the input of a model's first weight layer (the first kernel layer,
 * Dense or Conv2D) during training, after the data-level noise (mixup, cutout, distortions) and
 * the input noise layers (Gaussian, masking, ...) have acted. The probe wraps that layer's
 * `forward` and copies the first rows of the batches it is asked for; it changes no number.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { Layer } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import type { Sequential } from '../models/sequential.js';
import { findLayer } from '../registry/lookup.js';

/** Rows of one training batch as the first weight layer received them. */
export interface SeenInputs {
  /** Training step (from 0 over the whole run) and epoch (from 0) of the batch. */
  step: number;
  epoch: number;
  /** `count` rows of `size` values each. */
  count: number;
  size: number;
  values: Float32Array;
}

/**
 * Calls `onSeen` with the first `rows` rows of every training batch for which `want(ctx)` is
 * true. Returns a function that removes the probe.
 */
export function probeInputs(model: Sequential, rows: number, want: (ctx: StepContext) => boolean, onSeen: (seen: SeenInputs) => void): () => void {
  model.build();
  const layer: Layer | undefined = model.layers.find((l) => findLayer(l.className)?.kernelLayer);
  if (!layer) return () => undefined;
  const forward = layer.forward;
  const size = layer.inputSize;
  layer.forward = function (this: Layer, x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    if (ctx.training && want(ctx)) {
      const count = Math.min(rows, batch);
      onSeen({ step: ctx.step, epoch: ctx.epoch, count, size, values: Float32Array.from(x.subarray(0, count * size)) });
    }
    return forward.call(this, x, batch, ctx);
  };
  return () => {
    layer.forward = forward;
  };
}
