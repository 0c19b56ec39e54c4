/**
 * The 15 corruptions of the MNIST-C benchmark (Mu & Gilmer 2019), in its order, and lookups by
 * name. The CLI's lists, its errors and the docs read these declarations.
 */
import { InvalidArgumentError } from '../errors.js';
import type { Corruption } from './corruption.js';
import { SHOT_NOISE } from './shot-noise.js';
import { IMPULSE_NOISE } from './impulse-noise.js';
import { GLASS_BLUR } from './glass-blur.js';
import { MOTION_BLUR } from './motion-blur.js';
import { SHEAR } from './shear.js';
import { SCALE } from './scale.js';
import { ROTATE } from './rotate.js';
import { BRIGHTNESS } from './brightness.js';
import { TRANSLATE } from './translate.js';
import { STRIPE } from './stripe.js';
import { FOG } from './fog.js';
import { SPATTER } from './spatter.js';
import { DOTTED_LINE } from './dotted-line.js';
import { ZIGZAG } from './zigzag.js';
import { CANNY_EDGES } from './canny-edges.js';

/** Every corruption, in the benchmark's order. */
export const CORRUPTIONS: readonly Corruption[] = [
  SHOT_NOISE,
  IMPULSE_NOISE,
  GLASS_BLUR,
  MOTION_BLUR,
  SHEAR,
  SCALE,
  ROTATE,
  BRIGHTNESS,
  TRANSLATE,
  STRIPE,
  FOG,
  SPATTER,
  DOTTED_LINE,
  ZIGZAG,
  CANNY_EDGES,
];

/** Their names, in the benchmark's order. */
export const CORRUPTION_NAMES: readonly string[] = CORRUPTIONS.map((c) => c.name);

/**
 * The corruption called `name` (`shot_noise`; a hyphen reads as an underscore).
 * @throws InvalidArgumentError naming the corruptions there are.
 */
export function findCorruption(name: string, where = 'corruption'): Corruption {
  const key = name.trim().replace(/-/g, '_');
  const found = CORRUPTIONS.find((c) => c.name === key);
  if (!found) {
    const error = new InvalidArgumentError(`${where}: unknown corruption '${name}'; the corruptions are ${CORRUPTION_NAMES.join(', ')}`);
    error.argument = 'corruptions';
    throw error;
  }
  return found;
}

/**
 * The corruptions of a list: `all`, or names separated by commas (each once).
 * @throws InvalidArgumentError for an unknown name (the list given), a name twice, or an empty list.
 */
export function parseCorruptionList(list: string | readonly string[], where = 'corruptions'): Corruption[] {
  const names = typeof list === 'string' ? list.split(',').map((s) => s.trim()).filter((s) => s.length > 0) : [...list];
  if (names.length === 1 && names[0] === 'all') return [...CORRUPTIONS];
  if (names.length === 0) throw new InvalidArgumentError(`${where}: 'all' or a comma-separated list of corruptions expected, got an empty list; the corruptions are ${CORRUPTION_NAMES.join(', ')}`);
  const chosen = names.map((n) => findCorruption(n, where));
  const twice = chosen.find((c, i) => chosen.indexOf(c) !== i);
  if (twice) throw new InvalidArgumentError(`${where}: each corruption once expected, got ${twice.name} twice`);
  return chosen;
}
