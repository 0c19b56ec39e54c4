/**
 * The transforms of Winograd's minimal filtering algorithm F(2x2, 3x3) (Lavin & Gray 2016):
 * a 2 x 2 block of outputs of a 3 x 3 correlation is `Y = A^T [(G g G^T) * (B^T d B)] A` for
 * the 4 x 4 input tile d, with
 *
 *   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1],  G = [1 0 0; .5 .5 .5; .5 -.5 .5; 0 0 1],
 *   A^T = [1 1 1 0; 0 1 -1 -1],
 *
 * and the gradients are the transposed maps: `dM = A dY A^T`, `dd = B dV B^T`,
 * `dg = G^T dU G`. Each function works on four channels at once (one v128 per tile element):
 * pixel (r, s) of a tile is at `p + r * rs + s * cs`, element e = 4 r + s of a transformed
 * tile at `t + e * es`.
 */

/** `V = B^T d B` of the 4 x 4 tile at `p` into the 16 elements at `t`. */
export function inputTransform(p: usize, rs: usize, cs: usize, t: usize, es: usize): void {
  // Rows of d B: e_r = (d_r0 - d_r2, d_r1 + d_r2, d_r2 - d_r1, d_r1 - d_r3); then
  // V_0 = e_0 - e_2, V_1 = e_1 + e_2, V_2 = e_2 - e_1, V_3 = e_1 - e_3.
  let q = p + rs;
  let a0 = v128.load(q), a1 = v128.load(q + cs), a2 = v128.load(q + 2 * cs), a3 = v128.load(q + 3 * cs);
  const e10 = f32x4.sub(a0, a2), e11 = f32x4.add(a1, a2), e12 = f32x4.sub(a2, a1), e13 = f32x4.sub(a1, a3);
  q += rs;
  a0 = v128.load(q); a1 = v128.load(q + cs); a2 = v128.load(q + 2 * cs); a3 = v128.load(q + 3 * cs);
  const e20 = f32x4.sub(a0, a2), e21 = f32x4.add(a1, a2), e22 = f32x4.sub(a2, a1), e23 = f32x4.sub(a1, a3);
  v128.store(t + 4 * es, f32x4.add(e10, e20));
  v128.store(t + 5 * es, f32x4.add(e11, e21));
  v128.store(t + 6 * es, f32x4.add(e12, e22));
  v128.store(t + 7 * es, f32x4.add(e13, e23));
  v128.store(t + 8 * es, f32x4.sub(e20, e10));
  v128.store(t + 9 * es, f32x4.sub(e21, e11));
  v128.store(t + 10 * es, f32x4.sub(e22, e12));
  v128.store(t + 11 * es, f32x4.sub(e23, e13));
  a0 = v128.load(p); a1 = v128.load(p + cs); a2 = v128.load(p + 2 * cs); a3 = v128.load(p + 3 * cs);
  v128.store(t, f32x4.sub(f32x4.sub(a0, a2), e20));
  v128.store(t + es, f32x4.sub(f32x4.add(a1, a2), e21));
  v128.store(t + 2 * es, f32x4.sub(f32x4.sub(a2, a1), e22));
  v128.store(t + 3 * es, f32x4.sub(f32x4.sub(a1, a3), e23));
  q += rs;
  a0 = v128.load(q); a1 = v128.load(q + cs); a2 = v128.load(q + 2 * cs); a3 = v128.load(q + 3 * cs);
  v128.store(t + 12 * es, f32x4.sub(e10, f32x4.sub(a0, a2)));
  v128.store(t + 13 * es, f32x4.sub(e11, f32x4.add(a1, a2)));
  v128.store(t + 14 * es, f32x4.sub(e12, f32x4.sub(a2, a1)));
  v128.store(t + 15 * es, f32x4.sub(e13, f32x4.sub(a1, a3)));
}

/** `Y = A^T M A` of the 16 elements at `t`, stored as the 2 x 2 block at `p`. */
export function outputTransform(t: usize, es: usize, p: usize, rs: usize, cs: usize): void {
  // Columns of A^T M: u_s = m_1s + m_2s, w_s = m_1s - m_2s; row 0 = m_0s + u_s, row 1 = w_s - m_3s.
  const m10 = v128.load(t + 4 * es), m11 = v128.load(t + 5 * es), m12 = v128.load(t + 6 * es), m13 = v128.load(t + 7 * es);
  const m20 = v128.load(t + 8 * es), m21 = v128.load(t + 9 * es), m22 = v128.load(t + 10 * es), m23 = v128.load(t + 11 * es);
  const r00 = f32x4.add(v128.load(t), f32x4.add(m10, m20));
  const r01 = f32x4.add(v128.load(t + es), f32x4.add(m11, m21));
  const r02 = f32x4.add(v128.load(t + 2 * es), f32x4.add(m12, m22));
  const r03 = f32x4.add(v128.load(t + 3 * es), f32x4.add(m13, m23));
  v128.store(p, f32x4.add(f32x4.add(r00, r01), r02));
  v128.store(p + cs, f32x4.sub(f32x4.sub(r01, r02), r03));
  const r10 = f32x4.sub(f32x4.sub(m10, m20), v128.load(t + 12 * es));
  const r11 = f32x4.sub(f32x4.sub(m11, m21), v128.load(t + 13 * es));
  const r12 = f32x4.sub(f32x4.sub(m12, m22), v128.load(t + 14 * es));
  const r13 = f32x4.sub(f32x4.sub(m13, m23), v128.load(t + 15 * es));
  v128.store(p + rs, f32x4.add(f32x4.add(r10, r11), r12));
  v128.store(p + rs + cs, f32x4.sub(f32x4.sub(r11, r12), r13));
}

/** Stores `(a, a + b, a - b, -b)` (a row combined by A) at four elements from `t`. */
// @ts-ignore: decorator
@inline function aRow(a: v128, b: v128, t: usize, es: usize): void {
  v128.store(t, a);
  v128.store(t + es, f32x4.add(a, b));
  v128.store(t + 2 * es, f32x4.sub(a, b));
  v128.store(t + 3 * es, f32x4.neg(b));
}

/** `dM = A dY A^T` of the 2 x 2 output gradient block at `p`, into the 16 elements at `t`. */
export function gradOutputTransform(p: usize, rs: usize, cs: usize, t: usize, es: usize): void {
  const y00 = v128.load(p), y01 = v128.load(p + cs), y10 = v128.load(p + rs), y11 = v128.load(p + rs + cs);
  // Rows of A dY: y_0, y_0 + y_1, y_0 - y_1, -y_1; each combined along s the same way.
  aRow(y00, y01, t, es);
  aRow(f32x4.add(y00, y10), f32x4.add(y01, y11), t + 4 * es, es);
  aRow(f32x4.sub(y00, y10), f32x4.sub(y01, y11), t + 8 * es, es);
  aRow(f32x4.neg(y10), f32x4.neg(y11), t + 12 * es, es);
}

/** `*p += v`. */
// @ts-ignore: decorator
@inline function addTo(p: usize, v: v128): void {
  v128.store(p, f32x4.add(v128.load(p), v));
}

/** `dd = B dV B^T` of the 16 elements at `t`, added to the 4 x 4 tile at `p`. */
export function gradInputTransform(t: usize, es: usize, p: usize, rs: usize, cs: usize): void {
  // Rows of dV B^T: q_r = (v_r0, v_r1 - v_r2 + v_r3, v_r1 + v_r2 - v_r0, -v_r3); then
  // dd_0 = q_0, dd_1 = q_1 - q_2 + q_3, dd_2 = q_1 + q_2 - q_0, dd_3 = -q_3.
  let v0 = v128.load(t + 4 * es), v1 = v128.load(t + 5 * es), v2 = v128.load(t + 6 * es), v3 = v128.load(t + 7 * es);
  const q10 = v0, q11 = f32x4.add(f32x4.sub(v1, v2), v3), q12 = f32x4.sub(f32x4.add(v1, v2), v0), q13 = f32x4.neg(v3);
  v0 = v128.load(t + 8 * es); v1 = v128.load(t + 9 * es); v2 = v128.load(t + 10 * es); v3 = v128.load(t + 11 * es);
  const q20 = v0, q21 = f32x4.add(f32x4.sub(v1, v2), v3), q22 = f32x4.sub(f32x4.add(v1, v2), v0), q23 = f32x4.neg(v3);
  const s0 = f32x4.add(q10, q20), s1 = f32x4.add(q11, q21), s2 = f32x4.add(q12, q22), s3 = f32x4.add(q13, q23);
  const d0 = f32x4.sub(q10, q20), d1 = f32x4.sub(q11, q21), d2 = f32x4.sub(q12, q22), d3 = f32x4.sub(q13, q23);
  v0 = v128.load(t); v1 = v128.load(t + es); v2 = v128.load(t + 2 * es); v3 = v128.load(t + 3 * es);
  const q00 = v0, q01 = f32x4.add(f32x4.sub(v1, v2), v3), q02 = f32x4.sub(f32x4.add(v1, v2), v0), q03 = f32x4.neg(v3);
  addTo(p, q00); addTo(p + cs, q01); addTo(p + 2 * cs, q02); addTo(p + 3 * cs, q03);
  let r = p + 2 * rs;
  addTo(r, f32x4.sub(s0, q00)); addTo(r + cs, f32x4.sub(s1, q01)); addTo(r + 2 * cs, f32x4.sub(s2, q02)); addTo(r + 3 * cs, f32x4.sub(s3, q03));
  v0 = v128.load(t + 12 * es); v1 = v128.load(t + 13 * es); v2 = v128.load(t + 14 * es); v3 = v128.load(t + 15 * es);
  const q30 = v0, q31 = f32x4.add(f32x4.sub(v1, v2), v3), q32 = f32x4.sub(f32x4.add(v1, v2), v0), q33 = f32x4.neg(v3);
  r = p + rs;
  addTo(r, f32x4.add(d0, q30)); addTo(r + cs, f32x4.add(d1, q31)); addTo(r + 2 * cs, f32x4.add(d2, q32)); addTo(r + 3 * cs, f32x4.add(d3, q33));
  r = p + 3 * rs;
  addTo(r, f32x4.neg(q30)); addTo(r + cs, f32x4.neg(q31)); addTo(r + 2 * cs, f32x4.neg(q32)); addTo(r + 3 * cs, f32x4.neg(q33));
}

/**
 * `U = G g G^T` of the 3 x 3 filter taps at `g` (tap (ky, kx) at `g + (3 ky + kx) * ts`, four
 * output channels), into the 16 elements at `t`.
 */
export function filterTransform(g: usize, ts: usize, t: usize, es: usize): void {
  const half = f32x4.splat(0.5);
  for (let kx = 0; kx < 3; kx++) {
    // Column kx of G g: g_0, (g_0 + g_1 + g_2) / 2, (g_0 - g_1 + g_2) / 2, g_2 (rows g_ky).
    const g0 = v128.load(g + <usize>kx * ts), g1 = v128.load(g + <usize>(3 + kx) * ts), g2 = v128.load(g + <usize>(6 + kx) * ts);
    const ends = f32x4.add(g0, g2);
    const o = t + <usize>kx * es;
    v128.store(o, g0);
    v128.store(o + 4 * es, f32x4.mul(f32x4.add(ends, g1), half));
    v128.store(o + 8 * es, f32x4.mul(f32x4.sub(ends, g1), half));
    v128.store(o + 12 * es, g2);
  }
  for (let r = 0; r < 4; r++) {
    const o = t + <usize>(4 * r) * es;
    const t0 = v128.load(o), t1 = v128.load(o + es), t2 = v128.load(o + 2 * es);
    const ends = f32x4.add(t0, t2);
    v128.store(o + es, f32x4.mul(f32x4.add(ends, t1), half));
    v128.store(o + 2 * es, f32x4.mul(f32x4.sub(ends, t1), half));
    v128.store(o + 3 * es, t2);
  }
}

/**
 * `dg = G^T dU G` of the 16 elements at `t`, stored as the 3 x 3 taps at `g` (tap (ky, kx) at
 * `g + (3 ky + kx) * ts`). Uses the elements at `t` as working space.
 */
export function filterGradTransform(t: usize, es: usize, g: usize, ts: usize): void {
  const half = f32x4.splat(0.5);
  // Rows of G^T dU: u_0 + (u_1 + u_2) / 2, (u_1 - u_2) / 2, (u_1 + u_2) / 2 + u_3, over rows 0..2.
  for (let s = 0; s < 4; s++) {
    const o = t + <usize>s * es;
    const u0 = v128.load(o), u1 = v128.load(o + 4 * es), u2 = v128.load(o + 8 * es), u3 = v128.load(o + 12 * es);
    const mid = f32x4.mul(f32x4.add(u1, u2), half);
    v128.store(o, f32x4.add(u0, mid));
    v128.store(o + 4 * es, f32x4.mul(f32x4.sub(u1, u2), half));
    v128.store(o + 8 * es, f32x4.add(mid, u3));
  }
  for (let r = 0; r < 3; r++) {
    const o = t + <usize>(4 * r) * es;
    const t0 = v128.load(o), t1 = v128.load(o + es), t2 = v128.load(o + 2 * es), t3 = v128.load(o + 3 * es);
    const mid = f32x4.mul(f32x4.add(t1, t2), half);
    const at = g + <usize>(3 * r) * ts;
    v128.store(at, f32x4.add(t0, mid));
    v128.store(at + ts, f32x4.mul(f32x4.sub(t1, t2), half));
    v128.store(at + 2 * ts, f32x4.add(mid, t3));
  }
}
