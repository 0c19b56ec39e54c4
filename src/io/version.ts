/** The running noisenet's version. */

/** noisenet's version, kept equal to the `version` of its package.json (a test checks). */
export const NOISENET_VERSION = '0.1.0';

/** The `version` of noisenet's package.json, e.g. `0.1.0`. */
export function noisenetVersion(): string {
  return NOISENET_VERSION;
}
