/**
 * The raw words of one block of a counter-based random stream, exactly as the wasm kernels
 * (`assembly/random.ts`) produce them, in plain 32-bit arithmetic (64-bit values are pairs of
 * unsigned 32-bit halves, so seeding a block allocates nothing).
 *
 * Algorithm. Block `b` of the stream with seed `s` (u32) is made by four xoshiro128**
 * generators, lanes 0..3. With all arithmetic modulo 2^64:
 *
 *     base = (s * 0xd1b54a32d192ed03) ^ (b * 0xaef17502108ef2d9)
 *     h0   = splitmix64(base + 2 * lane * 0x9e3779b97f4a7c15)
 *     h1   = splitmix64(h0 ^ 0x6a09e667f3bcc909)
 *     lane state (s0, s1, s2, s3) = (lo32 h0, hi32 h0, lo32 h1, hi32 h1 | 1)
 *
 * The block's values are taken in groups of eight: each lane steps twice, its first output
 * goes to position `8g + lane` and its second to `8g + 4 + lane`.
 */

/** Values per block; must match BLOCK in assembly/random.ts. */
export const BLOCK = 1024;

// Results of the 64-bit helpers: high and low halves, unsigned.
let H = 0;
let L = 0;

/** (H, L) = (ah, al) * (bh, bl) mod 2^64. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const m1 = a1 * b0, m2 = a0 * b1;
  const mid = ((a0 * b0) >>> 16) + (m1 & 0xffff) + (m2 & 0xffff);
  const carry = a1 * b1 + (m1 >>> 16) + (m2 >>> 16) + (mid >>> 16); // high half of al * bl
  L = Math.imul(al, bl) >>> 0;
  H = (carry + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

/** (H, L) = splitmix64(x) (Steele, Lea & Flood 2014): add the golden gamma, then mix. */
function splitmix64(xh: number, xl: number): void {
  let lo = xl + 0x7f4a7c15;
  let hi = (xh + 0x9e3779b9 + (lo > 0xffffffff ? 1 : 0)) >>> 0;
  lo >>>= 0;
  mul64(hi ^ (hi >>> 30), (lo ^ ((lo >>> 30) | (hi << 2))) >>> 0, 0xbf58476d, 0x1ce4e5b9);
  hi = H;
  lo = L;
  mul64(hi ^ (hi >>> 27), (lo ^ ((lo >>> 27) | (hi << 5))) >>> 0, 0x94d049bb, 0x133111eb);
  hi = H;
  lo = L;
  H = (hi ^ (hi >>> 31)) >>> 0;
  L = (lo ^ ((lo >>> 31) | (hi << 1))) >>> 0;
}

/** Lane offsets `2 * lane * 0x9e3779b97f4a7c15 mod 2^64` as [hi, lo] pairs. */
const LANE_OFFSET = new Uint32Array(8);
for (let lane = 0; lane < 4; lane++) {
  mul64(0x9e3779b9, 0x7f4a7c15, 0, 2 * lane);
  LANE_OFFSET[2 * lane] = H;
  LANE_OFFSET[2 * lane + 1] = L;
}

/** Generator state of the four lanes of a block, lane-major: `state[4 * lane + k]` is word s_k. */
const state = new Int32Array(16);

/** Seeds the four lanes for block `block` (a non-negative safe integer) of stream `seed` (u32). */
function seedBlock(seed: number, block: number): void {
  mul64(0, seed >>> 0, 0xd1b54a32, 0xd192ed03);
  const sh = H, sl = L;
  mul64(Math.floor(block / 4294967296) >>> 0, block >>> 0, 0xaef17502, 0x108ef2d9);
  const bh = (sh ^ H) >>> 0, bl = (sl ^ L) >>> 0;
  for (let lane = 0; lane < 4; lane++) {
    const lo = bl + LANE_OFFSET[2 * lane + 1]!;
    const hi = (bh + LANE_OFFSET[2 * lane]! + (lo > 0xffffffff ? 1 : 0)) >>> 0;
    splitmix64(hi, lo >>> 0);
    const h0h = H, h0l = L;
    splitmix64((h0h ^ 0x6a09e667) >>> 0, (h0l ^ 0xf3bcc909) >>> 0);
    state[4 * lane] = h0l;
    state[4 * lane + 1] = h0h;
    state[4 * lane + 2] = L;
    state[4 * lane + 3] = H | 1; // never all zero
  }
}

/**
 * Writes the first `count` raw 32-bit words of block `block` of stream `seed` to
 * `words[0..count)` in output order (see the file comment); positions past `count` in the
 * last group of eight may be written too, so `words` needs `ceil(count / 8) * 8` entries.
 */
export function blockWords(seed: number, block: number, count: number, words: Int32Array): void {
  seedBlock(seed, block);
  for (let lane = 0; lane < 4; lane++) {
    let s0 = state[4 * lane]!, s1 = state[4 * lane + 1]!, s2 = state[4 * lane + 2]!, s3 = state[4 * lane + 3]!;
    for (let i = lane; i < count; i += 8) {
      for (let k = 0; k < 8; k += 4) {
        words[i + k] = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 11);
      }
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
