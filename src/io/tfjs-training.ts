/**
 * The compile settings of a TF.js `trainingConfig`, in noisenet's terms: Adam, SGD, Momentum
 * (SGD with momentum) and RMSProp map with their settings; anything noisenet cannot keep is
 * named in one line for the loader to report (an optimizer it lacks, a setting it drops, a loss
 * or metric it does not know).
 */
import type { TrainingConfig } from './model-json.js';

/** A number from the first of `keys` present in `config`. */
function pick(config: Record<string, unknown>, ...keys: string[]): number | undefined {
  for (const k of keys) if (typeof config[k] === 'number') return config[k];
  return undefined;
}

/** noisenet's optimizer `{ className, config }` for a TF.js (or Keras) optimizer, or why not. */
export function optimizerFromTfjs(className: string, config: Record<string, unknown>): { optimizer: TrainingConfig['optimizer']; dropped: string[] } | { unsupported: string } {
  const learningRate = pick(config, 'learningRate', 'learning_rate', 'lr');
  const set = (o: Record<string, number | boolean | undefined>): Record<string, unknown> => Object.fromEntries(Object.entries({ learningRate, ...o }).filter(([, v]) => v !== undefined));
  const dropped: string[] = [];
  switch (className.toLowerCase()) {
    case 'adam':
      if (config['amsgrad'] === true) dropped.push('amsgrad');
      return { optimizer: { className: 'Adam', config: set({ beta1: pick(config, 'beta1', 'beta_1'), beta2: pick(config, 'beta2', 'beta_2'), epsilon: pick(config, 'epsilon') }) }, dropped };
    case 'sgd':
    case 'momentum': {
      const momentum = pick(config, 'momentum');
      const nesterov = config['useNesterov'] ?? config['nesterov'];
      return { optimizer: { className: 'SGD', config: set({ momentum, nesterov: typeof nesterov === 'boolean' ? nesterov : undefined }) }, dropped };
    }
    case 'rmsprop': {
      const centered = config['centered'];
      return { optimizer: { className: 'RMSprop', config: set({ rho: pick(config, 'decay', 'rho'), momentum: pick(config, 'momentum'), epsilon: pick(config, 'epsilon'), centered: typeof centered === 'boolean' ? centered : undefined }) }, dropped };
    }
    default:
      return { unsupported: `its TF.js optimizer ${className} has no noisenet equivalent (noisenet has Adam, SGD, Momentum as SGD, RMSProp, AdamW)` };
  }
}

/**
 * noisenet's compile settings from a TF.js `trainingConfig`, and a line per thing left out
 * (`{ training: null }` when there is none to restore).
 */
export function trainingFromTfjs(raw: unknown, knownLoss: (name: string) => boolean): { training: TrainingConfig | null; notes: string[] } {
  const t = raw as { loss?: unknown; metrics?: unknown; optimizer_config?: { class_name?: unknown; config?: Record<string, unknown> } } | undefined;
  if (!t || typeof t !== 'object') return { training: null, notes: [] };
  if (typeof t.loss !== 'string' || !knownLoss(t.loss)) return { training: null, notes: [`its TF.js loss ${JSON.stringify(t.loss)} is not one noisenet knows; the model loads uncompiled`] };
  if (typeof t.optimizer_config?.class_name !== 'string') return { training: null, notes: ['its TF.js trainingConfig names no optimizer; the model loads uncompiled'] };
  const mapped = optimizerFromTfjs(t.optimizer_config.class_name, t.optimizer_config.config ?? {});
  if ('unsupported' in mapped) return { training: null, notes: [`${mapped.unsupported}; the model loads uncompiled`] };
  const notes = mapped.dropped.map((d) => `its TF.js optimizer setting ${d} is not kept`);
  const all = Array.isArray(t.metrics) ? t.metrics : [];
  const metrics = all.filter((m): m is string => m === 'accuracy' || m === 'acc');
  if (metrics.length < all.length) notes.push(`its metrics ${all.filter((m) => !metrics.includes(m as string)).map((m) => JSON.stringify(m)).join(', ')} are not kept (noisenet has accuracy)`);
  return { training: { loss: { name: t.loss, config: {} }, optimizer: mapped.optimizer, metrics }, notes };
}
