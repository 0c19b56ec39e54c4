/**
 * The geometry block the convolution and pooling kernels read (assembly/window-params.ts
 * holds the same slot indexes): one block of i32 slots in wasm memory per backend, rewritten
 * before each kernel call, so no call allocates and a kernel takes one address instead of a
 * dozen arguments.
 */
import type { Conv2dGeometry, Pool2dGeometry } from '../backend.js';
import type { WasmMemory } from './memory.js';

export const BATCH = 0;
export const IN_H = 1;
export const IN_W = 2;
export const IN_C = 3;
export const OUT_H = 4;
export const OUT_W = 5;
export const OUT_C = 6;
export const K_H = 7;
export const K_W = 8;
export const STRIDE_H = 9;
export const STRIDE_W = 10;
export const DIL_H = 11;
export const DIL_W = 12;
export const PAD_T = 13;
export const PAD_L = 14;
export const IN_CP = 15;
export const OUT_CP = 16;
export const TILES_H = 17;
export const TILES_W = 18;
export const BLOCK = 19;
export const PARTS = 20;
export const PART_UNITS = 21;
export const WINO_M = 22;
const SLOTS = 23;

/** Rounds up to a multiple of 4 (a v128 of floats). */
export const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/** The geometry block of one backend. */
export class WindowParams {
  private readonly slots: Int32Array;

  constructor(mem: WasmMemory) {
    this.slots = mem.ints(SLOTS);
  }

  /** Its address in wasm memory. */
  get at(): number {
    return this.slots.byteOffset;
  }

  /** Writes a convolution's geometry (the derived slots zeroed) and returns the block's address. */
  conv(g: Conv2dGeometry): number {
    const s = this.slots;
    s.fill(0);
    s[BATCH] = g.batch; s[IN_H] = g.inHeight; s[IN_W] = g.inWidth; s[IN_C] = g.inChannels;
    s[OUT_H] = g.outHeight; s[OUT_W] = g.outWidth; s[OUT_C] = g.outChannels;
    s[K_H] = g.kernelHeight; s[K_W] = g.kernelWidth; s[STRIDE_H] = g.strideHeight; s[STRIDE_W] = g.strideWidth;
    s[DIL_H] = g.dilationHeight; s[DIL_W] = g.dilationWidth; s[PAD_T] = g.padTop; s[PAD_L] = g.padLeft;
    s[IN_CP] = pad4(g.inChannels); s[OUT_CP] = pad4(g.outChannels);
    return s.byteOffset;
  }

  /** Writes a pooling's geometry (pool size in K_H, K_W; channels in IN_C) and returns the block's address. */
  pool(g: Pool2dGeometry): number {
    const s = this.slots;
    s.fill(0);
    s[BATCH] = g.batch; s[IN_H] = g.inHeight; s[IN_W] = g.inWidth; s[IN_C] = g.channels;
    s[OUT_H] = g.outHeight; s[OUT_W] = g.outWidth; s[OUT_C] = g.channels;
    s[K_H] = g.poolHeight; s[K_W] = g.poolWidth; s[STRIDE_H] = g.strideHeight; s[STRIDE_W] = g.strideWidth;
    s[DIL_H] = 1; s[DIL_W] = 1; s[PAD_T] = g.padTop; s[PAD_L] = g.padLeft;
    return s.byteOffset;
  }

  /** A slot's value. */
  get(slot: number): number {
    return this.slots[slot]!;
  }

  /** Sets a slot. */
  set(slot: number, value: number): void {
    this.slots[slot] = value;
  }
}
