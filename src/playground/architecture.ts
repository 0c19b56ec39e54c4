/** Whether a loaded model can stand in for one of the playground's: the same weights, by name and shape. */
import type { Sequential } from '../models/sequential.js';
import { ModelFileError } from '../errors.js';

/** The input and the outputs of the weight layers of a model, as `784 → 128 → 64 → 10` or `28x28x1 → 26x26x32 → ... → 10`. */
export function describeLayers(model: Sequential): string {
  model.build();
  const shape = (s: readonly number[]): string => s.join('x');
  const weighted = model.layers.filter((l) => l.params().some((p) => p.shape.length >= 2));
  return [shape(model.layers[0]!.outputShape), ...weighted.map((l) => shape(l.outputShape))].join(' → ');
}

/**
 * @throws ModelFileError `<source>: ...` naming both architectures when `loaded` does not have
 *   exactly the weights of `expected` (names and shapes, in order).
 */
export function checkSameArchitecture(loaded: Sequential, expected: Sequential, source: string): void {
  const sig = (m: Sequential): string => m.params().map((p) => `${p.name}[${p.shape.join(',')}]`).join(' ');
  if (sig(loaded) === sig(expected)) return;
  throw new ModelFileError(`${source}: a model of another architecture (${describeLayers(loaded)}, weights ${sig(loaded)}); this playground's model is ${describeLayers(expected)} (weights ${sig(expected)})`);
}
