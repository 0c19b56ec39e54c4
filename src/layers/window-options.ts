/**
 * Option fields shared by the convolution and pooling layers: sizes given as one positive
 * integer or a pair `[height, width]` (Keras' int-or-tuple), kept as the pair, and the padding.
 */
import { PADDINGS, type Padding } from '../kernels/window-geometry.js';
import { invalid } from '../errors.js';
import { choice, custom, type CustomField } from '../schema/fields.js';

/** A size per spatial axis, `[height, width]`. */
export type Pair = [number, number];

/** `n` or `[h, w]` of positive integers as `[h, w]`. */
export function checkPair(where: string, path: string, value: unknown): Pair {
  const ok = (d: unknown): d is number => Number.isInteger(d) && (d as number) > 0;
  if (ok(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1])) return [value[0], value[1]];
  throw invalid(where, path, 'a positive integer or a pair of them [height, width]', value);
}

/** A `[height, width]` option given as one positive integer or a pair. */
export function pair(doc: string, extra: { default?: Pair; required?: boolean } = {}): CustomField {
  return custom(doc, 'a positive integer or a pair of them [height, width]', checkPair, extra);
}

/** The `padding` option: `valid` or `same` (Keras, TF). */
export const PADDING = choice("'valid' (whole windows only) or 'same' (ceil(size / stride) outputs, zero padding split evenly, the odd one bottom/right)", PADDINGS, { default: 'valid' });

export type { Padding };

/** `[h, w]` as `h x w`. */
export const showPair = (p: readonly number[]): string => `${p[0]}x${p[1]}`;
