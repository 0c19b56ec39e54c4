/**
 * Batch gathering. Byte images stay in JavaScript memory (one byte per pixel), so rows are
 * converted by a plain loop straight into the wasm view: no copy of the dataset into wasm
 * memory and nothing to free. Float rows that already live in wasm memory use the kernel.
 */
import type { FloatArray } from '../backend.js';
import { ShapeError } from '../../errors.js';
import type { WasmContext } from './context.js';

/** See Backend.gatherRows. */
export function gatherRows(ctx: WasmContext, src: Uint8Array | FloatArray, index: Int32Array, start: number, count: number, rowSize: number, scale: number, out: FloatArray): void {
  const po = ctx.mem.ptr(out, count * rowSize, 'gatherRows out');
  if (index.length < start + count) throw new ShapeError(`gatherRows: index holds ${index.length} rows, the call reads up to ${start + count}`);
  const rows = Math.floor(src.length / Math.max(rowSize, 1));
  if (src instanceof Float32Array && ctx.mem.owns(src)) {
    const idx = ctx.ints(index, count, start);
    ctx.k.gatherRows(0, count, 0, src.byteOffset, idx, rowSize, scale, po);
    checkRows(index, start, count, rows);
    return;
  }
  checkRows(index, start, count, rows);
  const o = out as Float32Array;
  for (let r = 0; r < count; r++) {
    const from = index[start + r]! * rowSize;
    const to = r * rowSize;
    for (let j = 0; j < rowSize; j++) o[to + j] = src[from + j]! * scale;
  }
}

function checkRows(index: Int32Array, start: number, count: number, rows: number): void {
  for (let r = 0; r < count; r++) {
    const i = index[start + r]!;
    if (!(i >= 0 && i < rows)) throw new ShapeError(`gatherRows: row index ${i} outside [0, ${rows})`);
  }
}
