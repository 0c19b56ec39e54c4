/**
 * Batch gathering. Byte images stay in JavaScript memory (one byte per pixel): the batch's
 * rows are copied as bytes into a staging area in wasm memory (four at a time through a
 * Uint32Array view when rows are aligned; the view is made once per source), then converted
 * and scaled by a SIMD kernel. Nothing is copied per dataset, nothing per call is allocated,
 * and the result equals the reference (`byte * scale` rounded once to float32). Float rows
 * in JavaScript memory are gathered by a plain loop; float rows in wasm memory by a kernel.
 */
import type { FloatArray } from '../backend.js';
import { ShapeError } from '../../errors.js';
import { OP } from './kernels.js';
import type { WasmContext } from './context.js';

/** Uint32Array views of aligned byte sources (null: not aligned), made once per source. */
const words = new WeakMap<Uint8Array, Uint32Array | null>();

/** See Backend.gatherRows. */
export function gatherRows(ctx: WasmContext, src: Uint8Array | FloatArray, index: Int32Array, start: number, count: number, rowSize: number, scale: number, out: FloatArray): void {
  const po = ctx.mem.ptr(out, count * rowSize, 'gatherRows out');
  if (index.length < start + count) throw new ShapeError(`gatherRows: index holds ${index.length} rows, the call reads up to ${start + count}`);
  checkRows(index, start, count, Math.floor(src.length / Math.max(rowSize, 1)));
  if (src instanceof Uint8Array) return gatherBytes(ctx, src, index, start, count, rowSize, scale, po);
  if (src instanceof Float32Array && ctx.mem.owns(src)) {
    ctx.k.gatherRows(0, count, 0, src.byteOffset, ctx.ints(index, count, start), rowSize, scale, po);
    return;
  }
  const o = out as Float32Array;
  for (let r = 0; r < count; r++) {
    const from = index[start + r]! * rowSize;
    const to = r * rowSize;
    for (let j = 0; j < rowSize; j++) o[to + j] = src[from + j]! * scale;
  }
}

function gatherBytes(ctx: WasmContext, src: Uint8Array, index: Int32Array, start: number, count: number, rowSize: number, scale: number, po: number): void {
  const n = count * rowSize;
  const stage = ctx.stage(n);
  let src32 = words.get(src);
  if (src32 === undefined) {
    src32 = src.byteOffset % 4 === 0 ? new Uint32Array(src.buffer, src.byteOffset, src.length >> 2) : null;
    words.set(src, src32);
  }
  if (src32 !== null && rowSize % 4 === 0) {
    const row = rowSize >> 2;
    const stage32 = ctx.stageWords();
    for (let r = 0; r < count; r++) {
      const from = index[start + r]! * row;
      const to = r * row;
      for (let j = 0; j < row; j++) stage32[to + j] = src32[from + j]!;
    }
  } else {
    for (let r = 0; r < count; r++) {
      const from = index[start + r]! * rowSize;
      const to = r * rowSize;
      for (let j = 0; j < rowSize; j++) stage[to + j] = src[from + j]!;
    }
  }
  ctx.run(OP.bytesToFloats, n, 64, 1, 1 << 17, stage.byteOffset, po, scale);
}

function checkRows(index: Int32Array, start: number, count: number, rows: number): void {
  for (let r = 0; r < count; r++) {
    const i = index[start + r]!;
    if (!(i >= 0 && i < rows)) throw new ShapeError(`gatherRows: row index ${i} outside [0, ${rows})`);
  }
}
