/** A fresh 32-bit seed for runs the caller did not seed; it is recorded so the run can be repeated. */
export function randomSeed(): number {
  const word = new Uint32Array(1);
  globalThis.crypto.getRandomValues(word);
  return word[0]! >>> 1; // uniform in [0, 2^31)
}
