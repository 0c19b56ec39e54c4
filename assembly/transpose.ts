/** Transposition of a row band of a matrix, used to turn `A B^T` into `A B`. */

/**
 * For B of n x k (row-major), writes rows j0..j1 transposed into `t` as a k x w matrix,
 * w = j1 - j0: `t[p * w + (j - j0)] = B[j * k + p]`.
 */
export function transposeRows(b: usize, k: i32, j0: i32, j1: i32, t: usize): void {
  const w = j1 - j0;
  const w4 = <usize>w << 2;
  const k4 = <usize>k << 2;
  // Four source rows at a time: each source row is read contiguously, four outputs per p are written together.
  let jj = 0;
  for (; jj + 4 <= w; jj += 4) {
    let s0 = b + <usize>(j0 + jj) * k4;
    let s1 = s0 + k4, s2 = s1 + k4, s3 = s2 + k4;
    let d = t + (<usize>jj << 2);
    for (let p = 0; p < k; p++) {
      store<f32>(d, load<f32>(s0));
      store<f32>(d, load<f32>(s1), 4);
      store<f32>(d, load<f32>(s2), 8);
      store<f32>(d, load<f32>(s3), 12);
      s0 += 4; s1 += 4; s2 += 4; s3 += 4; d += w4;
    }
  }
  for (; jj < w; jj++) {
    let s = b + <usize>(j0 + jj) * k4;
    let d = t + (<usize>jj << 2);
    for (let p = 0; p < k; p++) {
      store<f32>(d, load<f32>(s));
      s += 4; d += w4;
    }
  }
}
