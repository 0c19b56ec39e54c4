/** The running noisenet's version, read once from its package.json. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The `version` of noisenet's package.json, e.g. `0.1.0`. */
export function noisenetVersion(): string {
  if (cached === undefined) {
    const url = new URL('../../package.json', import.meta.url);
    cached = String((JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown }).version ?? '0.0.0');
  }
  return cached;
}
