/**
 * The convolution kernels of the wasm backend, in three algorithms chosen by shape:
 * `winograd` (F(2x2, 3x3) or F(4x4, 3x3), whichever multiplies less for the image size;
 * assembly/winograd.ts) for 3 x 3 kernels with stride 1 and no dilation over enough channels; `direct` (assembly/direct-conv.ts) for windows of few taps,
 * like a first layer over one channel; `im2col` and the GEMM (assembly/im2col.ts) otherwise.
 * The input gradient is Winograd or im2col. Forward and input-gradient work is cut by images
 * or output rows; the filter gradient is summed over a fixed number of parts that depends on
 * the shape only, then the parts are added in order: results are the same on any number of
 * threads.
 */
import type { Activation, Conv2dGeometry, FloatArray } from '../backend.js';
import { filterSize, inputSize, outputSize } from '../window-geometry.js';
import { OP } from './kernels.js';
import { activationCode } from './activation.js';
import type { WasmContext } from './context.js';
import type { Workspace } from './workspace.js';
import { BLOCK, PARTS, TILES_H, TILES_W, WINO_M, pad4, type WindowParams } from './window-params.js';

/** Below this many multiply-adds a kernel stays on one thread. */
const MIN_PARALLEL_MACS = 256 * 1024;
/** Winograd needs this many input and output channels to beat the other two (scripts/bench/conv-kernels.mjs measures them). */
const WINOGRAD_MIN_CHANNELS = 4;
/** The direct kernels take windows of at most this many taps (kernelH * kernelW * inC). */
const DIRECT_MAX_TAPS = 64;
/** Scratch a thread's block of tiles or output rows aims at. */
const BLOCK_BYTES = 1024 * 1024;
/** At most this many filter-gradient parts, and at most this many bytes of them. */
const MAX_PARTS = 16;
const MAX_PART_BYTES = 32 * 2 ** 20;

/** How a convolution is computed. */
export type ConvAlgorithm = 'winograd' | 'direct' | 'im2col';

/** The algorithm of the forward pass and the filter gradient of `g`. */
export function convAlgorithm(g: Conv2dGeometry): ConvAlgorithm {
  const winograd = g.kernelHeight === 3 && g.kernelWidth === 3 && g.strideHeight === 1 && g.strideWidth === 1 && g.dilationHeight === 1 && g.dilationWidth === 1;
  if (winograd && g.inChannels >= WINOGRAD_MIN_CHANNELS && g.outChannels >= WINOGRAD_MIN_CHANNELS) return 'winograd';
  return g.kernelHeight * g.kernelWidth * g.inChannels <= DIRECT_MAX_TAPS ? 'direct' : 'im2col';
}

/**
 * F(4x4, 3x3) is taken when it needs at most this share of F(2x2, 3x3)'s multiplications. Where
 * the 4x4 tiles fit the image (28x28, 16x16, 12x12, 7x7 outputs: a share of 0.56) F(4x4) was
 * 1.3-1.6x faster per training step (forward and both gradients, batch 128, 16-64 channels);
 * where they overhang it (14x14: 0.74, 10x10: 0.81) F(2x2) was as fast with 16 channels and
 * 1.7x (32 channels) to 2.2x (64) faster.
 */
const WINOGRAD4_MAX_SHARE = 0.7;

/** Outputs per Winograd tile side for `g`: 4 when F(4x4, 3x3) takes at most {@link WINOGRAD4_MAX_SHARE} of F(2x2, 3x3)'s multiplications, else 2 (the more exact). */
export function winogradTile(g: Conv2dGeometry): 2 | 4 {
  const products = (m: number): number => Math.ceil(g.outHeight / m) * Math.ceil(g.outWidth / m) * (m + 2) ** 2;
  return products(4) <= WINOGRAD4_MAX_SHARE * products(2) ? 4 : 2;
}

const macsOf = (g: Conv2dGeometry): number => g.batch * g.outHeight * g.outWidth * g.outChannels * g.kernelHeight * g.kernelWidth * g.inChannels;

/** The convolution kernels on `ctx`, with geometry block `params` and shared buffers `ws`. */
export class ConvKernels {
  constructor(private readonly ctx: WasmContext, private readonly params: WindowParams, private readonly ws: Workspace) {}

  private check(g: Conv2dGeometry, x: FloatArray, f: FloatArray, y: FloatArray, op: string): [number, number, number] {
    const mem = this.ctx.mem;
    return [mem.ptr(x, inputSize(g), `${op} x`), mem.ptr(f, filterSize(g), `${op} filter`), mem.ptr(y, outputSize(g), `${op} y`)];
  }

  /** Writes the geometry block for `g` under `algorithm` (blocks, parts) and sizes every thread's scratch; returns its address. */
  private setup(g: Conv2dGeometry, algorithm: ConvAlgorithm): number {
    const p = this.params;
    const at = p.conv(g);
    const k = this.ctx.k;
    const taps = g.kernelHeight * g.kernelWidth * g.inChannels;
    if (algorithm === 'winograd') {
      const cp = pad4(g.inChannels), fp = pad4(g.outChannels);
      const m = winogradTile(g), elements = (m + 2) ** 2;
      const th = Math.ceil(g.outHeight / m), tw = Math.ceil(g.outWidth / m);
      p.set(WINO_M, m);
      p.set(TILES_H, th);
      p.set(TILES_W, tw);
      p.set(BLOCK, Math.max(1, Math.min(th * tw, Math.floor(BLOCK_BYTES / (4 * elements * (cp + fp))))));
      p.set(PARTS, Math.min(g.batch, MAX_PARTS, Math.max(1, Math.floor(MAX_PART_BYTES / (4 * elements * g.inChannels * fp)))));
      this.ctx.ensureScratch(k.winogradScratchBytes(at));
    } else if (algorithm === 'direct') {
      p.set(PARTS, Math.min(g.batch, MAX_PARTS, Math.max(1, Math.floor(MAX_PART_BYTES / (4 * taps * g.outChannels)))));
      this.ctx.ensureScratch(k.directScratchBytes(at));
    } else {
      p.set(BLOCK, Math.max(1, Math.floor(BLOCK_BYTES / (4 * g.outWidth * taps))));
      p.set(PARTS, Math.min(g.batch * g.outHeight, MAX_PARTS, Math.max(1, Math.floor(MAX_PART_BYTES / (4 * taps * g.outChannels)))));
      this.ctx.ensureScratch(k.im2colScratchBytes(at));
    }
    return at;
  }

  /** The transformed filter U[16][inC][outCp] and its transpose UT[16][outC][inCp] in the workspace. */
  private transformFilter(g: Conv2dGeometry, pf: number, at: number): [number, number] {
    const elements = (this.params.get(WINO_M) + 2) ** 2;
    const u = this.ws.get('winograd U', 4 * elements * g.inChannels * pad4(g.outChannels));
    const ut = this.ws.get('winograd UT', 4 * elements * g.outChannels * pad4(g.inChannels));
    this.ctx.run(OP.winogradFilter, g.inChannels, 1, elements * g.outChannels * 4, MIN_PARALLEL_MACS, pf, u, ut, at);
    return [u, ut];
  }

  /** See Backend.conv2dForward. */
  forward(x: FloatArray, filter: FloatArray, y: FloatArray, g: Conv2dGeometry, bias: FloatArray | null = null, activation: Activation = 'linear'): void {
    const [px, pf, py] = this.check(g, x, filter, y, 'conv2dForward');
    const pb = bias ? this.ctx.mem.ptr(bias, g.outChannels, 'conv2dForward bias') : 0;
    const act = activationCode(activation);
    const macs = macsOf(g);
    const algorithm = convAlgorithm(g);
    const at = this.setup(g, algorithm);
    if (algorithm === 'winograd') {
      const [u] = this.transformFilter(g, pf, at);
      this.ctx.run(OP.winogradForward, g.batch, 1, macs / g.batch / 2, MIN_PARALLEL_MACS, px, u, py, at, pb, act);
    } else if (algorithm === 'direct') {
      this.ctx.run(OP.directForward, g.batch, 1, macs / g.batch, MIN_PARALLEL_MACS, px, pf, py, at, pb, act);
    } else {
      this.ctx.run(OP.im2colForward, g.batch * g.outHeight, 1, macs / g.batch / g.outHeight, MIN_PARALLEL_MACS, px, pf, py, at, pb, act);
    }
  }

  /** See Backend.conv2dBackwardInput. */
  backwardInput(dy: FloatArray, filter: FloatArray, dx: FloatArray, g: Conv2dGeometry): void {
    const [pdx, pf, pdy] = this.check(g, dx, filter, dy, 'conv2dBackwardInput');
    const perImage = macsOf(g) / g.batch;
    if (convAlgorithm(g) === 'winograd') {
      const at = this.setup(g, 'winograd');
      const [, ut] = this.transformFilter(g, pf, at);
      this.ctx.run(OP.winogradBackwardInput, g.batch, 1, perImage / 2, MIN_PARALLEL_MACS, pdy, ut, pdx, at);
    } else {
      const at = this.setup(g, 'im2col');
      const cols = g.kernelHeight * g.kernelWidth * g.inChannels;
      const ft = this.ws.get('filter transposed', 4 * cols * g.outChannels);
      this.ctx.k.transposeMatrix(pf, cols, g.outChannels, ft);
      this.ctx.run(OP.im2colBackwardInput, g.batch, 1, perImage, MIN_PARALLEL_MACS, pdy, ft, pdx, at);
    }
  }

  /** See Backend.conv2dBackwardFilter. */
  backwardFilter(x: FloatArray, dy: FloatArray, dfilter: FloatArray, g: Conv2dGeometry): void {
    const [px, pdf, pdy] = this.check(g, x, dfilter, dy, 'conv2dBackwardFilter');
    const macs = macsOf(g);
    const algorithm = convAlgorithm(g);
    const at = this.setup(g, algorithm);
    const parts = this.params.get(PARTS);
    if (algorithm === 'winograd') {
      const elements = (this.params.get(WINO_M) + 2) ** 2;
      const buf = this.ws.get('filter parts', parts * 4 * elements * g.inChannels * pad4(g.outChannels));
      this.ctx.run(OP.winogradFilterParts, parts, 1, macs / 2 / parts, MIN_PARALLEL_MACS, px, pdy, buf, at);
      this.ctx.run(OP.winogradFilterReduce, g.inChannels, 1, elements * parts * g.outChannels, MIN_PARALLEL_MACS, buf, pdf, at);
      return;
    }
    const n = filterSize(g);
    const buf = this.ws.get('filter parts', parts * 4 * n);
    this.ctx.run(algorithm === 'direct' ? OP.directFilterParts : OP.im2colFilterParts, parts, 1, macs / parts, MIN_PARALLEL_MACS, px, pdy, buf, at);
    this.ctx.run(OP.sumParts, n, 4, parts, MIN_PARALLEL_MACS, buf, pdf, parts, n);
  }
}
