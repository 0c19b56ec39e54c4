/** The pooling kernels of the wasm backend (assembly/pool.ts): forward cut by output rows, backward by images. */
import type { FloatArray, Pool2dGeometry } from '../backend.js';
import { inputSize, outputSize } from '../window-geometry.js';
import { NoisenetError, ShapeError } from '../../errors.js';
import { OP } from './kernels.js';
import type { WasmContext } from './context.js';
import type { WindowParams } from './window-params.js';

/** Below this many window reads a pooling kernel stays on one thread. */
const MIN_PARALLEL_READS = 64 * 1024;

/** The pooling kernels on `ctx` with geometry block `params`. */
export class PoolKernels {
  constructor(private readonly ctx: WasmContext, private readonly params: WindowParams) {}

  private buffers(g: Pool2dGeometry, x: FloatArray, y: FloatArray, op: string): [number, number] {
    const mem = this.ctx.mem;
    return [mem.ptr(x, inputSize(g), `${op} x`), mem.ptr(y, outputSize(g), `${op} y`)];
  }

  private indices(v: Int32Array, n: number, what: string): number {
    if (!this.ctx.mem.owns(v)) throw new NoisenetError(`wasm backend: ${what} must be a buffer allocated by this backend (backend.allocIndices)`);
    if (v.length < n) throw new ShapeError(`wasm backend: ${what} holds ${v.length} values, the call needs ${n}`);
    return v.byteOffset;
  }

  /** Window reads per output row (forward) or per image (backward). */
  private cost(g: Pool2dGeometry, perImage: boolean): number {
    return g.outWidth * g.channels * g.poolHeight * g.poolWidth * (perImage ? g.outHeight : 1);
  }

  /** See Backend.maxPool2dForward. */
  maxForward(x: FloatArray, y: FloatArray, argmax: Int32Array, g: Pool2dGeometry): void {
    const [px, py] = this.buffers(g, x, y, 'maxPool2dForward');
    const pa = this.indices(argmax, outputSize(g), 'maxPool2dForward argmax');
    this.ctx.run(OP.maxPoolForward, g.batch * g.outHeight, 1, this.cost(g, false), MIN_PARALLEL_READS, px, py, pa, this.params.pool(g));
  }

  /** See Backend.maxPool2dBackward. */
  maxBackward(dy: FloatArray, argmax: Int32Array, dx: FloatArray, g: Pool2dGeometry): void {
    const [pdx, pdy] = this.buffers(g, dx, dy, 'maxPool2dBackward');
    const pa = this.indices(argmax, outputSize(g), 'maxPool2dBackward argmax');
    const cost = g.inHeight * g.inWidth * g.channels + g.outHeight * g.outWidth * g.channels;
    this.ctx.run(OP.maxPoolBackward, g.batch, 1, cost, MIN_PARALLEL_READS, pdy, pa, pdx, this.params.pool(g));
  }

  /** See Backend.avgPool2dForward. */
  avgForward(x: FloatArray, y: FloatArray, g: Pool2dGeometry): void {
    const [px, py] = this.buffers(g, x, y, 'avgPool2dForward');
    this.ctx.run(OP.avgPoolForward, g.batch * g.outHeight, 1, this.cost(g, false), MIN_PARALLEL_READS, px, py, this.params.pool(g));
  }

  /** See Backend.avgPool2dBackward. */
  avgBackward(dy: FloatArray, dx: FloatArray, g: Pool2dGeometry): void {
    const [pdx, pdy] = this.buffers(g, dx, dy, 'avgPool2dBackward');
    this.ctx.run(OP.avgPoolBackward, g.batch, 1, this.cost(g, true), MIN_PARALLEL_READS, pdy, pdx, this.params.pool(g));
  }
}
