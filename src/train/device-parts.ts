/**
 * Which parts of a run may train on a backend whose buffers live on a device (`Backend.device`):
 * each part declares it once, as `hostOnly` on its definition (see `HostOnly` in
 * parts/definitions.ts); this reads the declarations of a model's layers, its loss, metrics
 * and optimizer and the run's augmentations, and refuses the first part that works on buffers
 * in JavaScript, before any work.
 */
import type { HostOnly } from '../parts/definitions.js';
import type { Augmentation } from '../parts/augmentation.js';
import type { Trainable } from './trainable.js';
import { findAugmentation, findLayer, findOptimizer } from '../registry/lookup.js';
import { LOSS_DEFINITIONS } from '../losses/index.js';
import { findMetric } from '../losses/metrics/index.js';
import { DeviceSupportError } from '../errors.js';

/** What a run asks of the device: the model's parts and, for `fit`, its augmentations. */
export interface DeviceRun {
  /** `fit`, `evaluate`, `predict`: where the refusal is reported. */
  readonly where: string;
  /** Whether the loss, metrics and optimizer are used (not for `predict`). */
  readonly compiled: boolean;
  readonly augmentations?: readonly Augmentation[];
}

/** The reason a declaration gives for a part with `config`, or null when it runs on a device. */
export function hostOnlyReason(hostOnly: HostOnly | undefined, config: Record<string, unknown>): string | null {
  if (hostOnly === undefined) return null;
  if (typeof hostOnly === 'string') return hostOnly;
  return config[hostOnly.option] === undefined || config[hostOnly.option] === null ? null : hostOnly.reason;
}

/**
 * Refuses, on a device backend, the first part of `model` (and of the run) that must train on a
 * host backend; nothing on a host backend.
 * @throws DeviceSupportError `fit: Dense 'dense' cannot run on the webgpu backend, ...: it adds its L2 penalty (kernelRegularizer) to the loss in JavaScript; use the wasm backend for it`.
 */
export function checkDeviceParts(model: Trainable, run: DeviceRun): void {
  const backend = model.backend;
  if (!backend.device) return;
  const refuse = (part: string, why: string): never => {
    throw new DeviceSupportError(`${run.where}: ${part} cannot run on the ${backend.name} backend, whose buffers live on its device: it ${why}; use the wasm backend for it`);
  };
  for (const layer of model.layers) {
    const why = hostOnlyReason(findLayer(layer.className)?.hostOnly, layer.getConfig());
    if (why) refuse(`${layer.className} '${layer.name}'`, why);
  }
  for (const a of run.augmentations ?? []) {
    const why = hostOnlyReason(findAugmentation(a.name)?.hostOnly, a.getConfig());
    if (why) refuse(`augmentation ${a.name}`, why);
  }
  if (!run.compiled) return;
  const { loss, optimizer, metrics } = model.compiled();
  const lossDefinition = LOSS_DEFINITIONS.find((d) => d.factory === loss.name);
  const lossWhy = hostOnlyReason(lossDefinition?.hostOnly, loss.getConfig());
  if (lossWhy) refuse(`loss ${loss.name}`, lossWhy);
  // The fused kernel takes logits: a sparse cross-entropy over probabilities is computed in JavaScript.
  if (loss.sparse && !model.engine().logits) refuse(`loss ${loss.name}`, 'is taken on probabilities in JavaScript, as the model does not end in a Dense softmax');
  for (const name of metrics) {
    const why = hostOnlyReason(findMetric(name)?.hostOnly, {});
    if (why) refuse(`metric ${name}`, why);
  }
  const optimizerWhy = hostOnlyReason(findOptimizer(optimizer.className)?.hostOnly, optimizer.getConfig());
  if (optimizerWhy) refuse(`optimizer ${optimizer.className}`, optimizerWhy);
}
