import { randomInt } from 'node:crypto';

/** A fresh 32-bit seed for runs the caller did not seed; it is recorded so the run can be repeated. */
export function randomSeed(): number {
  return randomInt(0, 2 ** 31);
}
