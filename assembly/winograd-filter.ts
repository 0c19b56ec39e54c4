/**
 * The filter side of the Winograd kernels (winograd.ts): the transformed filter U = G g G^T
 * (and its transpose, for the input gradient) before a pass, and after the filter-gradient
 * parts the sum of the parts in order and `dg = G^T dU G`.
 */
import { filterTransform, filterGradTransform } from './winograd-transforms';
import { filterTransform4, filterGradTransform4 } from './winograd4-transforms';
import { elements } from './winograd-tiles';
import { IN_C, OUT_C, IN_CP, OUT_CP, PARTS, WINO_M, slot } from './window-params';

/**
 * Input channels c0..c1 of the filter gradient: the parts added in order (part 0, then 1, ...),
 * then `dg = G^T dU G` into `dfilter` (HWIO). The sums of one input channel (E x outCp floats)
 * are gathered in scratch, each part's rows read contiguously.
 */
export function winogradFilterReduce(c0: i32, c1: i32, scratch: usize, parts: usize, dfilter: usize, g: usize): void {
  const count = slot(g, PARTS), c = slot(g, IN_C), f = slot(g, OUT_C), fp = slot(g, OUT_CP), m = slot(g, WINO_M), ne = elements(g);
  const row = <usize>fp << 2, eS = <usize>c * row, pS = <usize>ne * eS, tapS = <usize>(c * f) << 2;
  // Working space: the 9 taps and the transform's 18 vectors, then the sums dU[E][outCp] of one channel.
  const taps = scratch, work = scratch + 144, sums = scratch + 1024;
  for (let ci = c0; ci < c1; ci++) {
    const at = parts + <usize>ci * row;
    for (let e = 0; e < ne; e++) memory.copy(sums + <usize>e * row, at + <usize>e * eS, row);
    for (let p = 1; p < count; p++) {
      for (let e = 0; e < ne; e++) {
        const from = at + <usize>p * pS + <usize>e * eS, to = sums + <usize>e * row;
        for (let o: usize = 0; o < row; o += 16) v128.store(to + o, f32x4.add(v128.load(to + o), v128.load(from + o)));
      }
    }
    for (let co = 0; co < f; co += 4) {
      if (m == 4) filterGradTransform4(sums + (<usize>co << 2), row, taps, 16, work);
      else filterGradTransform(sums + (<usize>co << 2), row, taps, 16);
      const n = min(4, f - co);
      for (let k = 0; k < 9; k++) {
        const from = taps + (<usize>k << 4), to = dfilter + <usize>k * tapS + (<usize>(ci * f + co) << 2);
        if (n == 4) v128.store(to, v128.load(from));
        else memory.copy(to, from, <usize>n << 2);
      }
    }
  }
}

/** Input channels c0..c1 of the transformed filter: U[E][inC][outCp] and its transpose UT[E][outC][inCp]. */
export function winogradFilter(c0: i32, c1: i32, scratch: usize, filter: usize, u: usize, ut: usize, g: usize): void {
  const c = slot(g, IN_C), f = slot(g, OUT_C), cp = slot(g, IN_CP), fp = slot(g, OUT_CP), m = slot(g, WINO_M), ne = elements(g);
  const uS = <usize>(c * fp) << 2, utS = <usize>(f * cp) << 2, tapS = <usize>(c * f) << 2;
  const elems = scratch, taps = scratch + 576, work = scratch + 720;
  for (let ci = c0; ci < c1; ci++) {
    for (let co = 0; co < f; co += 4) {
      const n = min(4, f - co);
      // The nine taps of four output channels, zeros past the last channel.
      for (let k = 0; k < 9; k++) {
        const from = filter + <usize>k * tapS + (<usize>(ci * f + co) << 2), to = taps + (<usize>k << 4);
        if (n == 4) v128.store(to, v128.load(from));
        else {
          v128.store(to, f32x4.splat(0));
          memory.copy(to, from, <usize>n << 2);
        }
      }
      if (m == 4) filterTransform4(taps, 16, elems, 16, work);
      else filterTransform(taps, 16, elems, 16);
      const row = <usize>cp << 2;
      for (let e = 0; e < ne; e++) {
        const val = v128.load(elems + (<usize>e << 4));
        v128.store(u + <usize>e * uS + (<usize>(ci * fp + co) << 2), val);
        const t = ut + <usize>e * utS + (<usize>(co * cp + ci) << 2);
        v128.store32_lane(t, val, 0);
        if (n > 1) v128.store32_lane(t + row, val, 1);
        if (n > 2) v128.store32_lane(t + 2 * row, val, 2);
        if (n > 3) v128.store32_lane(t + 3 * row, val, 3);
      }
    }
  }
}
