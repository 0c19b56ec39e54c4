/** One line naming the model of a run's settings, for command headers and reports. */
import type { RunSettings } from './run-settings.js';

/**
 * `mlp 128,64 relu` (or `mlp, no hidden layer (softmax regression)`) for the article's preset,
 * the name of any other preset (`convnet`), and for a model spec its layer classes in order:
 * `spec: InputLayer, Conv2D, MaxPooling2D, Flatten, Dense`.
 */
export function describeModel(settings: Pick<RunSettings, 'model' | 'hidden' | 'activation'>): string {
  const { model } = settings;
  if (typeof model !== 'string') return `spec: ${model.layers.map((l) => l.className).join(', ')}`;
  if (model !== 'mlp') return model;
  return settings.hidden.length ? `mlp ${settings.hidden.join(',')} ${settings.activation}` : 'mlp, no hidden layer (softmax regression)';
}
