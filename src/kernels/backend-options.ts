import { checkOptionKeys } from '../schema/option-keys.js';
import { checkNumber } from '../validate.js';
/** Options a backend factory understands. */
export interface BackendOptions {
  /** Worker threads for backends that use them; 1 means none spawned. */
  threads?: number;
}

const KNOWN = ['threads'] satisfies (keyof BackendOptions)[];

/**
 * Refuses unknown options and a thread count that is not an integer >= 1.
 * @throws InvalidArgumentError `<where>: unknown option 'x'; known: threads`.
 */
export function checkBackendOptions(where: string, options: unknown): void {
  const o = checkOptionKeys(where, options, KNOWN);
  if (o['threads'] !== undefined) checkNumber(where, 'threads', o['threads'], { min: 1, integer: true });
}
