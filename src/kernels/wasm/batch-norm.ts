/**
 * The batch-norm kernels of the wasm backend (assembly/batch-norm.ts). Column sums are taken
 * in double precision over a fixed number of row parts (it depends on the shape only) and the
 * parts added here in order; the per-element passes are cut by rows. So the statistics and
 * gradients are the same on any number of threads.
 */
import type { FloatArray } from '../backend.js';
import { OP } from './kernels.js';
import type { WasmContext } from './context.js';
import type { Workspace } from './workspace.js';

const MIN_PARALLEL_ELEMENTS = 48 * 1024;
/** At most this many row parts, of at least this many elements each. */
const MAX_PARTS = 32;
const PART_ELEMENTS = 16 * 1024;
/** Modes of the sum kernel. */
const SUM_X = 0, SUM_SQUARED_DEVIATION = 1, SUM_DY_AND_DY_DEVIATION = 2;

/** The batch-norm kernels on `ctx` with shared buffers `ws`. */
export class BatchNormKernels {
  constructor(private readonly ctx: WasmContext, private readonly ws: Workspace) {}

  private parts(rows: number, cols: number): number {
    return Math.max(1, Math.min(MAX_PARTS, rows, Math.ceil((rows * cols) / PART_ELEMENTS)));
  }

  /** Column sums of `mode` into the workspace: `planes` rows of cols values each, the parts added in order. */
  private sums(x: number, dy: number, mean: number, rows: number, cols: number, mode: number, out: Float64Array): void {
    const count = this.parts(rows, cols);
    const planes = mode === SUM_DY_AND_DY_DEVIATION ? 2 : 1;
    const parts = this.ws.f64('batch-norm parts', count * planes * cols);
    this.ctx.run(OP.batchNormSums, count, 1, Math.ceil(rows / count) * cols * planes, MIN_PARALLEL_ELEMENTS, x, dy, mean, rows, cols, count, mode, parts.byteOffset);
    for (let i = 0; i < planes * cols; i++) {
      let s = 0;
      for (let p = 0; p < count; p++) s += parts[p * planes * cols + i]!;
      out[i] = s;
    }
  }

  /** See Backend.batchNormStatistics. */
  statistics(x: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray): void {
    const mem = this.ctx.mem;
    const px = mem.ptr(x, rows * cols, 'batchNormStatistics x');
    mem.ptr(mean, cols, 'batchNormStatistics mean');
    mem.ptr(variance, cols, 'batchNormStatistics variance');
    const m64 = this.ws.f64('batch-norm mean', cols);
    const s = this.ws.f64('batch-norm sums', 2 * cols);
    this.sums(px, 0, 0, rows, cols, SUM_X, s);
    for (let j = 0; j < cols; j++) mean[j] = m64[j] = s[j]! / rows;
    this.sums(px, 0, m64.byteOffset, rows, cols, SUM_SQUARED_DEVIATION, s);
    for (let j = 0; j < cols; j++) variance[j] = s[j]! / rows;
  }

  /** See Backend.batchNormForward. */
  forward(x: FloatArray, y: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray, gamma: FloatArray, beta: FloatArray, epsilon: number): void {
    const mem = this.ctx.mem;
    const px = mem.ptr(x, rows * cols, 'batchNormForward x');
    const py = mem.ptr(y, rows * cols, 'batchNormForward y');
    for (const [v, what] of [[mean, 'mean'], [variance, 'variance'], [gamma, 'gamma'], [beta, 'beta']] as const) mem.ptr(v, cols, `batchNormForward ${what}`);
    const coef = this.ws.f32('batch-norm coefficients', 5 * cols);
    for (let j = 0; j < cols; j++) {
      coef[j] = mean[j]!;
      coef[cols + j] = gamma[j]! / Math.sqrt(variance[j]! + epsilon);
      coef[2 * cols + j] = beta[j]!;
    }
    this.ctx.run(OP.batchNormForward, rows, 1, cols, MIN_PARALLEL_ELEMENTS, px, py, cols, coef.byteOffset);
  }

  /** See Backend.batchNormBackward. */
  backward(dy: FloatArray, x: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray, gamma: FloatArray, epsilon: number, dx: FloatArray, dgamma: FloatArray, dbeta: FloatArray): void {
    const mem = this.ctx.mem;
    const pdy = mem.ptr(dy, rows * cols, 'batchNormBackward dy');
    const px = mem.ptr(x, rows * cols, 'batchNormBackward x');
    const pdx = mem.ptr(dx, rows * cols, 'batchNormBackward dx');
    for (const [v, what] of [[mean, 'mean'], [variance, 'variance'], [gamma, 'gamma'], [dgamma, 'dgamma'], [dbeta, 'dbeta']] as const) mem.ptr(v, cols, `batchNormBackward ${what}`);
    const m64 = this.ws.f64('batch-norm mean', cols);
    for (let j = 0; j < cols; j++) m64[j] = mean[j]!;
    const s = this.ws.f64('batch-norm sums', 2 * cols);
    this.sums(px, pdy, m64.byteOffset, rows, cols, SUM_DY_AND_DY_DEVIATION, s);
    const coef = this.ws.f32('batch-norm coefficients', 5 * cols);
    for (let j = 0; j < cols; j++) {
      const inv = 1 / Math.sqrt(variance[j]! + epsilon);
      const sdy = s[j]!;
      const sdyx = s[cols + j]! * inv;
      dbeta[j] = sdy;
      dgamma[j] = sdyx;
      coef[j] = mean[j]!;
      coef[cols + j] = inv;
      coef[2 * cols + j] = gamma[j]! * inv;
      coef[3 * cols + j] = sdy / rows;
      coef[4 * cols + j] = sdyx / rows;
    }
    this.ctx.run(OP.batchNormBackward, rows, 1, cols, MIN_PARALLEL_ELEMENTS, pdy, px, pdx, cols, coef.byteOffset);
  }
}
