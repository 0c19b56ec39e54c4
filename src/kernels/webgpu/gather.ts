/**
 * Batch gathering for the webgpu backend: rows of a data set (bytes or floats, host data copied
 * to the device once and kept by identity, since a data set never changes) picked by the
 * batch's index (host data copied in at each call: it is reshuffled in place), times a scale.
 */
import type { FloatArray } from '../backend.js';
import type { GpuContext } from './gpu-context.js';
import { bindArrays, cachedSource, ENTRY_1D, grid, Params } from './kernel-source.js';

const GATHER_WGSL = (bytes: boolean): string => `
${ENTRY_1D}
  if (i >= P.n) { return; }
  let r = i / P.rowSize;
  let at = u32(INDEX[P.start + r]) * P.rowSize + (i - r * P.rowSize);
  ${bytes ? 'let v = f32((SRC[at >> 2u] >> ((at & 3u) * 8u)) & 255u);' : 'let v = SRC[at];'}
  OUT[i] = v * P.scale;
}`;

/** `out[r, :] = src[index[start + r], :] * scale` for `count` rows of `rowSize` (see Backend.gatherRows). */
export function gatherRows(ctx: GpuContext, src: Uint8Array | FloatArray, index: Int32Array, start: number, count: number, rowSize: number, scale: number, out: FloatArray): void {
  const n = count * rowSize;
  if (n <= 0) return;
  const bytes = src instanceof Uint8Array;
  const bound = bindArrays(ctx, [
    { name: 'SRC', array: src, access: 'constant' },
    { name: 'INDEX', array: index, access: 'host' },
    { name: 'OUT', array: out, access: 'write' },
  ], 'gatherRows');
  const key = `gatherRows|${+bytes}|${bound.aliasKey}`;
  const wgsl = cachedSource(key, () => bound.source('struct Params { n: u32, start: u32, rowSize: u32, scale: f32 }', GATHER_WGSL(bytes)));
  ctx.dispatch(key, wgsl, bound.buffers, new Params().u32(n).u32(start).u32(rowSize).f32(scale).buffer, grid(n));
}
