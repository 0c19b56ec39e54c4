/**
 * xoshiro128** (Blackman & Vigna 2018): a fast 32-bit generator with 128 bits of state,
 * seeded through splitmix32 so that nearby seeds give unrelated streams. Used for weight
 * initialisation, shuffles and light per-row choices; the backends' element-wise noise comes
 * from their counter-based streams instead (see `RandomStream` in `kernels/backend.ts`).
 */
export class Xoshiro128 {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private seedValue = 0;
  /** A spare normal draw from the last Box-Muller pair, or NaN. */
  private spare = Number.NaN;

  constructor(seed: number) {
    this.reseed(seed);
  }

  /** The seed it was created from or last reseeded with. */
  get seed(): number {
    return this.seedValue;
  }

  /**
   * Restarts the generator from `seed` without allocating: afterwards it draws exactly what
   * `new Xoshiro128(seed)` draws (the state words are the first four outputs of splitmix32
   * from `seed >>> 0`, and the spare normal is dropped).
   */
  reseed(seed: number): void {
    this.seedValue = seed;
    const x = seed >>> 0;
    this.s0 = splitmix32(x, 1);
    this.s1 = splitmix32(x, 2);
    this.s2 = splitmix32(x, 3);
    this.s3 = splitmix32(x, 4);
    this.spare = Number.NaN;
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  uniform(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal draw (Box-Muller, both values of each pair used). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    const u1 = (this.nextU32() + 1) / 4294967297; // (0, 1]: log never sees 0
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const a = 2 * Math.PI * u2;
    this.spare = r * Math.sin(a);
    return r * Math.cos(a);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Output `i` (from 1) of splitmix32 started at `x`: `x + i * 0x9e3779b9`, then mixed. */
function splitmix32(x: number, i: number): number {
  let z = (x + Math.imul(i, 0x9e3779b9)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A 32-bit seed derived from `seed` and up to three integers `a, b, c` (a stream index, an
 * epoch, a step, ...; each taken modulo 2^32), e.g. to give every step its own generator
 * through {@link Xoshiro128.reseed}. It is MurmurHash3 (x86, 32-bit; Appleby) of the 12-byte
 * key `a, b, c` with seed `seed`: every input bit changes each output bit with probability
 * close to 1/2, and no string is built. Omitted `b`, `c` are 0.
 */
export function mixSeed(seed: number, a: number, b = 0, c = 0): number {
  let h = murmurRound(seed | 0, a);
  h = murmurRound(h, b);
  h = murmurRound(h, c);
  h ^= 12; // key length in bytes
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One 32-bit block of MurmurHash3: mixes `k` into `h`. */
function murmurRound(h: number, k: number): number {
  k = Math.imul(k | 0, 0xcc9e2d51);
  k = Math.imul(rotl(k, 15), 0x1b873593);
  h = rotl(h ^ k, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Derives an independent seed for a named purpose (`init`, `shuffle`, a layer's name) from a run seed. */
export function deriveSeed(seed: number, purpose: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < purpose.length; i++) {
    h ^= purpose.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}

/** Fisher-Yates shuffle of `index` in place. */
export function shuffleInPlace(index: Int32Array, rng: Xoshiro128): void {
  for (let i = index.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = index[i]!;
    index[i] = index[j]!;
    index[j] = t;
  }
}
