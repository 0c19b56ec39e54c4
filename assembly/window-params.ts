/**
 * The geometry of a convolution or pooling call, as the TypeScript side writes it into a
 * small block of i32 slots (src/kernels/wasm/window-params.ts holds the same indexes): the
 * kernels take its address instead of a dozen arguments.
 */

export const BATCH = 0;
export const IN_H = 1;
export const IN_W = 2;
export const IN_C = 3;
export const OUT_H = 4;
export const OUT_W = 5;
/** Output channels of a convolution; a pooling's channels are IN_C. */
export const OUT_C = 6;
export const K_H = 7;
export const K_W = 8;
export const STRIDE_H = 9;
export const STRIDE_W = 10;
export const DIL_H = 11;
export const DIL_W = 12;
export const PAD_T = 13;
export const PAD_L = 14;
/** IN_C and OUT_C rounded up to a multiple of 4: row strides of the Winograd scratch matrices. */
export const IN_CP = 15;
export const OUT_CP = 16;
/** Winograd: tile rows and columns of an image (2 x 2 outputs each). */
export const TILES_H = 17;
export const TILES_W = 18;
/** Work block: tiles (Winograd) or output rows (im2col) handled by one product. */
export const BLOCK = 19;
/** Filter-gradient partial sums: how many, and the units (images or output rows) of each. */
export const PARTS = 20;
export const PART_UNITS = 21;
/** Winograd: outputs per tile side, 2 (F(2x2, 3x3)) or 4 (F(4x4, 3x3)). */
export const WINO_M = 22;
export const SLOTS = 23;

/** Slot `i` of the block at `g`. */
// @ts-ignore: decorator
@inline export function slot(g: usize, i: i32): i32 {
  return load<i32>(g + (<usize>i << 2));
}
