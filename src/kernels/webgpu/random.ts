/**
 * The random fills of the webgpu backend: the counter-based stream of the reference backend
 * (src/kernels/ref/block-seed.ts, counter-random.ts, f32-normal.ts), generated on the device.
 * One thread per (block, lane): it seeds its lane of the block from the seed and the block's
 * number with the same 64-bit arithmetic (in pairs of u32 halves), steps its xoshiro128**
 * generator twice per group of eight values and writes values `8g + lane` and `8g + 4 + lane`.
 *
 * The raw words are the reference's bit for bit. Uniform and Bernoulli values are exact float32
 * expressions of them, so they match too. Normal values use the same float32 polynomials, but
 * WGSL's `sqrt` is not required to be correctly rounded, so they match within a few ulps.
 */
import type { FloatArray, RandomStream } from '../backend.js';
import { NoisenetError } from '../../errors.js';
import { BLOCK } from '../ref/block-seed.js';
import type { GpuContext } from './gpu-context.js';
import { bindArrays, cachedSource, f32Literal, grid, Params } from './kernel-source.js';

/** A stream of the webgpu backend: its seed and the blocks drawn so far (all the state there is). */
export class GpuRandom implements RandomStream {
  blocks = 0;
  constructor(readonly seed: number) {}
}

const f = Math.fround;
const LOG_POLY = [7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1];

const RANDOM_WGSL = (kind: 'uniform' | 'normal' | 'bernoulli'): string => `
fn mul64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let a0 = a.y & 0xffffu; let a1 = a.y >> 16u; let b0 = b.y & 0xffffu; let b1 = b.y >> 16u;
  let m1 = a1 * b0; let m2 = a0 * b1;
  let mid = ((a0 * b0) >> 16u) + (m1 & 0xffffu) + (m2 & 0xffffu);
  let carry = a1 * b1 + (m1 >> 16u) + (m2 >> 16u) + (mid >> 16u);
  return vec2<u32>(carry + a.x * b.y + a.y * b.x, a.y * b.y);
}
fn add64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.y + b.y;
  return vec2<u32>(a.x + b.x + select(0u, 1u, lo < a.y), lo);
}
fn shr64(a: vec2<u32>, k: u32) -> vec2<u32> {
  return vec2<u32>(a.x >> k, (a.y >> k) | (a.x << (32u - k)));
}
fn splitmix64(x: vec2<u32>) -> vec2<u32> {
  var z = add64(x, vec2<u32>(0x9e3779b9u, 0x7f4a7c15u));
  z = mul64(z ^ shr64(z, 30u), vec2<u32>(0xbf58476du, 0x1ce4e5b9u));
  z = mul64(z ^ shr64(z, 27u), vec2<u32>(0x94d049bbu, 0x133111ebu));
  return z ^ shr64(z, 31u);
}
fn rotl(x: u32, k: u32) -> u32 { return (x << k) | (x >> (32u - k)); }

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let t = (wid.y * nwg.x + wid.x) * 64u + lid;
  let k = t >> 2u;
  let lane = t & 3u;
  if (k >= P.blocks) { return; }
  let block = add64(vec2<u32>(P.firstHi, P.firstLo), vec2<u32>(0u, k));
  let base = mul64(vec2<u32>(0u, P.seed), vec2<u32>(0xd1b54a32u, 0xd192ed03u)) ^ mul64(block, vec2<u32>(0xaef17502u, 0x108ef2d9u));
  let h0 = splitmix64(add64(base, mul64(vec2<u32>(0x9e3779b9u, 0x7f4a7c15u), vec2<u32>(0u, 2u * lane))));
  let h1 = splitmix64(h0 ^ vec2<u32>(0x6a09e667u, 0xf3bcc909u));
  var s0 = h0.y; var s1 = h0.x; var s2 = h1.y; var s3 = h1.x | 1u;
  let start = k * ${BLOCK}u;
  let count = min(${BLOCK}u, P.n - start);
  for (var g = 0u; g < count; g += 8u) {
    var w: array<u32, 2>;
    for (var q = 0u; q < 2u; q++) {
      w[q] = rotl(s1 * 5u, 7u) * 9u;
      let tt = s1 << 9u;
      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= tt;
      s3 = rotl(s3, 11u);
    }
    let i1 = g + lane;
    let i2 = g + 4u + lane;
    ${kind === 'normal' ? NORMAL_BODY : `let u1 = f32(w[0] >> 8u) * 5.9604644775390625e-8;
    let u2 = f32(w[1] >> 8u) * 5.9604644775390625e-8;
    ${kind === 'uniform' ? 'let v1 = P.a + P.b * u1; let v2 = P.a + P.b * u2;' : 'let v1 = select(0.0, 1.0, u1 < P.a); let v2 = select(0.0, 1.0, u2 < P.a);'}`}
    if (i1 < count) { OUT[start + i1] = v1; }
    if (i2 < count) { OUT[start + i2] = v2; }
  }
}`;

/** Box-Muller from words w[0] (radius) and w[1] (angle), as f32-normal.ts: `v1`, `v2`. */
const NORMAL_BODY = `
    let j = (w[0] >> 8u) + 1u;
    let p = 31u - countLeadingZeros(j);
    let mant = ldexp(f32(j), -i32(p + 1u));
    let small = mant < ${f32Literal(Math.SQRT1_2)};
    let e = select(f32(p) - 23.0, f32(p) - 24.0, small);
    let m = select(mant - 1.0, (mant - 1.0) + mant, small);
    var y = ${f32Literal(LOG_POLY[0]!)};
    ${LOG_POLY.slice(1).map((c) => `y = y * m + ${f32Literal(c)};`).join('\n    ')}
    let z = m * m;
    var yy = (y * m) * z;
    yy = yy + e * ${f32Literal(-2.12194440e-4)};
    yy = yy - z * 0.5;
    let ln = (m + yy) + e * ${f32Literal(0.693359375)};
    let r = sqrt(ln * -2.0) * P.b;
    let x = (f32(w[1] >> 8u) * 5.9604644775390625e-8 - 0.5) * ${f32Literal(1.5707963267948966)};
    let x2 = x * x;
    var sp = x2 * ${f32Literal(-1.9515295891e-4)} + ${f32Literal(8.3321608736e-3)};
    sp = sp * x2 + ${f32Literal(-1.6666654611e-1)};
    let sn = (sp * x2) * x + x;
    var cp = x2 * ${f32Literal(2.443315711809948e-5)} + ${f32Literal(-1.388731625493765e-3)};
    cp = cp * x2 + ${f32Literal(4.166664568298827e-2)};
    let cs = (1.0 - x2 * 0.5) + (cp * x2) * x2;
    let swap = (w[1] & 1u) != 0u;
    var a1 = select(sn, cs, swap);
    var a2 = select(cs, sn, swap);
    if ((w[1] & 2u) != 0u) { a1 = -a1; }
    if ((w[1] & 4u) != 0u) { a2 = -a2; }
    let v1 = P.a + r * a1;
    let v2 = P.a + r * a2;`;

function fill(ctx: GpuContext, kind: 'uniform' | 'normal' | 'bernoulli', rng: RandomStream, out: FloatArray, n: number, a: number, b: number): void {
  if (!(rng instanceof GpuRandom)) throw new NoisenetError('webgpu backend: random stream from another backend (use backend.createRandom)');
  const first = rng.blocks;
  if (!Number.isSafeInteger(first) || first < 0) throw new NoisenetError(`webgpu backend: random stream position blocks must be a non-negative integer, got ${first}`);
  if (n <= 0) return;
  const blocks = Math.ceil(n / BLOCK);
  rng.blocks = first + blocks;
  const bound = bindArrays(ctx, [{ name: 'OUT', array: out, access: 'write' }], `fill ${kind}`);
  const key = `random|${kind}|${bound.aliasKey}`;
  const wgsl = cachedSource(key, () => bound.source('struct Params { seed: u32, firstHi: u32, firstLo: u32, blocks: u32, n: u32, a: f32, b: f32 }', RANDOM_WGSL(kind)));
  const params = new Params().u32(rng.seed).u32(Math.floor(first / 4294967296)).u32(first >>> 0).u32(blocks).u32(n).f32(a).f32(b);
  ctx.dispatch(key, wgsl, bound.buffers, params.buffer, grid(blocks * 4, 64));
}

/** `out[i] = lo + (hi - lo) u` from the stream (see Backend.fillUniform). */
export function fillUniform(ctx: GpuContext, rng: RandomStream, out: FloatArray, n: number, lo: number, hi: number): void {
  fill(ctx, 'uniform', rng, out, n, f(lo), f(f(hi) - f(lo)));
}

/** `out[i] = mean + std z` from the stream (see Backend.fillNormal). */
export function fillNormal(ctx: GpuContext, rng: RandomStream, out: FloatArray, n: number, mean: number, std: number): void {
  fill(ctx, 'normal', rng, out, n, mean, std);
}

/** `out[i] = 1` with probability `p` (see Backend.fillBernoulli). */
export function fillBernoulli(ctx: GpuContext, rng: RandomStream, out: FloatArray, n: number, p: number): void {
  fill(ctx, 'bernoulli', rng, out, n, p, 0);
}
