/**
 * Matrix products on raw memory, register-blocked 4 rows x 8 columns with f32x4.
 *
 * Every element of C is computed the same way whatever tile it falls in: multiply-adds
 * (fma.ts) over p in increasing order, started at 0 and added to C at the end when
 * accumulating. So results do not depend on how the work is split between threads.
 */
import { transposeRows } from './transpose';
import { madd, madd1 } from './fma';

/** Flag bits of {@link matmulPart}. */
const TRANS_A: i32 = 1;
const TRANS_B: i32 = 2;
const ACCUMULATE: i32 = 4;

/** Rows i0..i1 of `C (+)= op(A) op(B)`; with TRANS_B, `scratch` holds k * n floats. */
export function matmulRows(i0: i32, i1: i32, scratch: usize, a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, flags: i32): void {
  matmulBlock(a, b, c, m, k, n, flags, i0, i1, 0, n, scratch);
}

/** Columns j0..j1 of `C (+)= op(A) op(B)`; with TRANS_B, `scratch` holds k * (j1 - j0) floats. */
export function matmulCols(j0: i32, j1: i32, scratch: usize, a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, flags: i32): void {
  matmulBlock(a, b, c, m, k, n, flags, 0, m, j0, j1, scratch);
}

/**
 * Computes the block C[i0:i1, j0:j1] of `C (+)= op(A) op(B)` (see the Backend contract).
 * With TRANS_B, rows j0..j1 of B are first transposed into `scratch`.
 */
function matmulBlock(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, flags: i32, i0: i32, i1: i32, j0: i32, j1: i32, scratch: usize): void {
  if (i1 <= i0 || j1 <= j0) return;
  const transA = (flags & TRANS_A) != 0;
  const ars: usize = transA ? 1 : <usize>k;
  const acs: usize = transA ? <usize>m : 1;
  let bp: usize = b + (<usize>j0 << 2);
  let ldb: usize = <usize>n;
  if (flags & TRANS_B) {
    transposeRows(b, k, j0, j1, scratch);
    bp = scratch;
    ldb = <usize>(j1 - j0);
  }
  const ap = a + ((<usize>i0 * ars) << 2);
  const cp = c + ((<usize>i0 * <usize>n + <usize>j0) << 2);
  gemm(ap, ars << 2, acs << 2, bp, ldb << 2, cp, <usize>n << 2, i1 - i0, k, j1 - j0, (flags & ACCUMULATE) != 0);
}

/** C (m x n, row stride ldc4 bytes) (+)= A B with A(i, p) at a + i ars4 + p acs4, B(p, j) at b + p ldb4 + 4 j. */
export function gemm(a: usize, ars4: usize, acs4: usize, b: usize, ldb4: usize, c: usize, ldc4: usize, m: i32, k: i32, n: i32, acc: bool): void {
  const m4 = m & ~3;
  let j = 0;
  for (; j + 8 <= n; j += 8) {
    const bj = b + (<usize>j << 2);
    const cj = c + (<usize>j << 2);
    for (let i = 0; i < m4; i += 4) tile4x8(a + <usize>i * ars4, ars4, acs4, bj, ldb4, cj + <usize>i * ldc4, ldc4, k, acc);
    for (let i = m4; i < m; i++) tile1x8(a + <usize>i * ars4, acs4, bj, ldb4, cj + <usize>i * ldc4, k, acc);
  }
  if (j + 4 <= n) {
    const bj = b + (<usize>j << 2);
    const cj = c + (<usize>j << 2);
    for (let i = 0; i < m4; i += 4) tile4x4(a + <usize>i * ars4, ars4, acs4, bj, ldb4, cj + <usize>i * ldc4, ldc4, k, acc);
    for (let i = m4; i < m; i++) tile1x4(a + <usize>i * ars4, acs4, bj, ldb4, cj + <usize>i * ldc4, k, acc);
    j += 4;
  }
  for (; j < n; j++) {
    const bj = b + (<usize>j << 2);
    const cj = c + (<usize>j << 2);
    for (let i = 0; i < m4; i += 4) tile4x1(a + <usize>i * ars4, ars4, acs4, bj, ldb4, cj + <usize>i * ldc4, ldc4, k, acc);
    for (let i = m4; i < m; i++) tile1x1(a + <usize>i * ars4, acs4, bj, ldb4, cj + <usize>i * ldc4, k, acc);
  }
}

@inline function put(c: usize, v: v128, acc: bool): void {
  v128.store(c, acc ? f32x4.add(v128.load(c), v) : v);
}

@inline function put1(c: usize, v: f32, acc: bool): void {
  store<f32>(c, acc ? load<f32>(c) + v : v);
}

function tile4x8(a: usize, ars4: usize, acs4: usize, b: usize, ldb4: usize, c: usize, ldc4: usize, k: i32, acc: bool): void {
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
  let a0 = a, a1 = a + ars4, a2 = a1 + ars4, a3 = a2 + ars4, bp = b;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(bp), b1 = v128.load(bp, 16);
    let x = v128.load32_splat(a0);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.load32_splat(a1);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.load32_splat(a2);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.load32_splat(a3);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    a0 += acs4; a1 += acs4; a2 += acs4; a3 += acs4; bp += ldb4;
  }
  put(c, c00, acc); put(c + 16, c01, acc); c += ldc4;
  put(c, c10, acc); put(c + 16, c11, acc); c += ldc4;
  put(c, c20, acc); put(c + 16, c21, acc); c += ldc4;
  put(c, c30, acc); put(c + 16, c31, acc);
}

function tile4x4(a: usize, ars4: usize, acs4: usize, b: usize, ldb4: usize, c: usize, ldc4: usize, k: i32, acc: bool): void {
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0;
  let a0 = a, a1 = a + ars4, a2 = a1 + ars4, a3 = a2 + ars4, bp = b;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(bp);
    c0 = madd(v128.load32_splat(a0), b0, c0);
    c1 = madd(v128.load32_splat(a1), b0, c1);
    c2 = madd(v128.load32_splat(a2), b0, c2);
    c3 = madd(v128.load32_splat(a3), b0, c3);
    a0 += acs4; a1 += acs4; a2 += acs4; a3 += acs4; bp += ldb4;
  }
  put(c, c0, acc); c += ldc4;
  put(c, c1, acc); c += ldc4;
  put(c, c2, acc); c += ldc4;
  put(c, c3, acc);
}

function tile4x1(a: usize, ars4: usize, acs4: usize, b: usize, ldb4: usize, c: usize, ldc4: usize, k: i32, acc: bool): void {
  let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
  let a0 = a, a1 = a + ars4, a2 = a1 + ars4, a3 = a2 + ars4, bp = b;
  for (let p = 0; p < k; p++) {
    const bv = load<f32>(bp);
    s0 = madd1(load<f32>(a0), bv, s0);
    s1 = madd1(load<f32>(a1), bv, s1);
    s2 = madd1(load<f32>(a2), bv, s2);
    s3 = madd1(load<f32>(a3), bv, s3);
    a0 += acs4; a1 += acs4; a2 += acs4; a3 += acs4; bp += ldb4;
  }
  put1(c, s0, acc); c += ldc4;
  put1(c, s1, acc); c += ldc4;
  put1(c, s2, acc); c += ldc4;
  put1(c, s3, acc);
}

function tile1x8(a: usize, acs4: usize, b: usize, ldb4: usize, c: usize, k: i32, acc: bool): void {
  let c0 = f32x4.splat(0), c1 = c0;
  let a0 = a, bp = b;
  for (let p = 0; p < k; p++) {
    const x = v128.load32_splat(a0);
    c0 = madd(x, v128.load(bp), c0);
    c1 = madd(x, v128.load(bp, 16), c1);
    a0 += acs4; bp += ldb4;
  }
  put(c, c0, acc); put(c + 16, c1, acc);
}

function tile1x4(a: usize, acs4: usize, b: usize, ldb4: usize, c: usize, k: i32, acc: bool): void {
  let c0 = f32x4.splat(0);
  let a0 = a, bp = b;
  for (let p = 0; p < k; p++) {
    c0 = madd(v128.load32_splat(a0), v128.load(bp), c0);
    a0 += acs4; bp += ldb4;
  }
  put(c, c0, acc);
}

function tile1x1(a: usize, acs4: usize, b: usize, ldb4: usize, c: usize, k: i32, acc: bool): void {
  let s: f32 = 0;
  let a0 = a, bp = b;
  for (let p = 0; p < k; p++) {
    s = madd1(load<f32>(a0), load<f32>(bp), s);
    a0 += acs4; bp += ldb4;
  }
  put1(c, s, acc);
}
