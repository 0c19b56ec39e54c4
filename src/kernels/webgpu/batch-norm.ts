/**
 * The batch-normalisation kernels in WGSL over a rows x cols matrix, one statistic per column.
 * Column sums are parallel reductions without atomics: workgroups of 16 columns x 16 row lanes
 * each sum a fixed chunk of rows (the chunks a function of the shape alone), the lanes are added
 * in a fixed tree in workgroup memory, and a second pass adds the chunks in order, so results
 * are deterministic. The variance takes two passes over the data, as the reference.
 */
import type { FloatArray } from '../backend.js';
import type { GpuContext } from './gpu-context.js';
import { grid, uniforms } from './window-support.js';

const COLUMNS = 16;
const LANES = 16;

/**
 * Partial column sums of `term(r, j)` over rows [wg.y * chunk, (wg.y + 1) * chunk), written to
 * `part[wg.y * cols + j]` (and, for two terms, `part[(parts + wg.y) * cols + j]`).
 */
function partialSumsWgsl(bindings: string, terms: readonly string[], perColumn = ''): string {
  const two = terms.length === 2;
  return /* wgsl */ `
struct Params { rows: u32, cols: u32, chunk: u32, parts: u32, epsilon: f32 }
${bindings}
var<workgroup> lanes: array<f32, ${COLUMNS * LANES * terms.length}>;

@compute @workgroup_size(${COLUMNS * LANES})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let j = wg.x * ${COLUMNS}u + t % ${COLUMNS}u;
  let lane = t / ${COLUMNS}u;
  let start = wg.y * p.chunk;
  let end = min(start + p.chunk, p.rows);
  var s0 = 0.0;
  var s1 = 0.0;
  if (j < p.cols) {
    ${perColumn}
    for (var r = start + lane; r < end; r += ${LANES}u) {
      let i = r * p.cols + j;
      s0 += ${terms[0]};
      ${two ? `s1 += ${terms[1]};` : ''}
    }
  }
  lanes[t] = s0;
  ${two ? `lanes[t + ${COLUMNS * LANES}u] = s1;` : ''}
  workgroupBarrier();
  for (var stride = ${LANES / 2}u; stride > 0u; stride = stride / 2u) {
    if (lane < stride) {
      lanes[t] += lanes[t + stride * ${COLUMNS}u];
      ${two ? `lanes[t + ${COLUMNS * LANES}u] += lanes[t + ${COLUMNS * LANES}u + stride * ${COLUMNS}u];` : ''}
    }
    workgroupBarrier();
  }
  if (lane == 0u && j < p.cols) {
    part[wg.y * p.cols + j] = lanes[t];
    ${two ? `part[(p.parts + wg.y) * p.cols + j] = lanes[t + ${COLUMNS * LANES}u];` : ''}
  }
}
`;
}

/** Pass 1 of the statistics: column sums of x. */
const SUM_WGSL = partialSumsWgsl(/* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> part: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;`, ['x[i]']);

/** Pass 2 of the statistics: column sums of squared deviations from the mean. */
const SQUARES_WGSL = partialSumsWgsl(/* wgsl */ `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> mean: array<f32>;
@group(0) @binding(2) var<storage, read_write> part: array<f32>;
@group(0) @binding(3) var<uniform> p: Params;`, ['(x[i] - m) * (x[i] - m)'], 'let m = mean[j];');

/** The backward pass's column sums of dy and dy * xhat. */
const GRADIENT_SUMS_WGSL = partialSumsWgsl(/* wgsl */ `
@group(0) @binding(0) var<storage, read> dy: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> mean: array<f32>;
@group(0) @binding(3) var<storage, read> variance: array<f32>;
@group(0) @binding(4) var<storage, read_write> part: array<f32>;
@group(0) @binding(5) var<uniform> p: Params;`, ['dy[i]', 'dy[i] * (x[i] - m) * inv'], 'let m = mean[j]; let inv = 1.0 / sqrt(variance[j] + p.epsilon);');

/** Adds the chunks in order: `out[j] = sum_q part[(offset + q) * cols + j] / divisor`. */
const REDUCE_WGSL = /* wgsl */ `
struct Params { cols: u32, parts: u32, offset: u32, divisor: f32 }
@group(0) @binding(0) var<storage, read> part: array<f32>;
@group(0) @binding(1) var<storage, read_write> total: array<f32>;
@group(0) @binding(2) var<uniform> p: Params;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let j = id.x;
  if (j >= p.cols) { return; }
  var s = 0.0;
  for (var q = 0u; q < p.parts; q++) { s += part[(p.offset + q) * p.cols + j]; }
  total[j] = s / p.divisor;
}
`;

function forwardWgsl(inPlace: boolean): string {
  return /* wgsl */ `
struct Params { n: u32, cols: u32, gridX: u32, epsilon: f32 }
${inPlace ? '@group(0) @binding(0) var<storage, read_write> x: array<f32>;' : '@group(0) @binding(0) var<storage, read> x: array<f32>;'}
@group(0) @binding(1) var<storage, read> mean: array<f32>;
@group(0) @binding(2) var<storage, read> variance: array<f32>;
@group(0) @binding(3) var<storage, read> gamma: array<f32>;
@group(0) @binding(4) var<storage, read> beta: array<f32>;
${inPlace ? '' : '@group(0) @binding(5) var<storage, read_write> y: array<f32>;'}
@group(0) @binding(${inPlace ? 5 : 6}) var<uniform> p: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let i = (wg.y * p.gridX + wg.x) * 256u + t;
  if (i >= p.n) { return; }
  let j = i % p.cols;
  let scale = gamma[j] / sqrt(variance[j] + p.epsilon);
  ${inPlace ? 'x' : 'y'}[i] = (x[i] - mean[j]) * scale + beta[j];
}
`;
}

function backwardWgsl(inPlace: boolean): string {
  return /* wgsl */ `
struct Params { n: u32, cols: u32, gridX: u32, epsilon: f32, rows: f32 }
${inPlace ? '@group(0) @binding(0) var<storage, read_write> dy: array<f32>;' : '@group(0) @binding(0) var<storage, read> dy: array<f32>;'}
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> mean: array<f32>;
@group(0) @binding(3) var<storage, read> variance: array<f32>;
@group(0) @binding(4) var<storage, read> gamma: array<f32>;
@group(0) @binding(5) var<storage, read> dgamma: array<f32>;
@group(0) @binding(6) var<storage, read> dbeta: array<f32>;
${inPlace ? '' : '@group(0) @binding(7) var<storage, read_write> dx: array<f32>;'}
@group(0) @binding(${inPlace ? 7 : 8}) var<uniform> p: Params;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let i = (wg.y * p.gridX + wg.x) * 256u + t;
  if (i >= p.n) { return; }
  let j = i % p.cols;
  let inv = 1.0 / sqrt(variance[j] + p.epsilon);
  let xhat = (x[i] - mean[j]) * inv;
  ${inPlace ? 'dy' : 'dx'}[i] = gamma[j] * inv * (dy[i] - dbeta[j] / p.rows - xhat * dgamma[j] / p.rows);
}
`;
}

/** How the rows are cut into chunks: about 256 workgroups in all, a function of the shape alone. */
function chunks(rows: number, cols: number): { chunk: number; parts: number; columnGroups: number } {
  const columnGroups = Math.ceil(cols / COLUMNS);
  const wanted = Math.max(1, Math.min(Math.ceil(256 / columnGroups), Math.ceil(rows / 256)));
  const chunk = Math.ceil(Math.ceil(rows / wanted) / LANES) * LANES;
  return { chunk, parts: Math.ceil(rows / chunk), columnGroups };
}

function reduce(ctx: GpuContext, part: GPUBuffer, out: GPUBuffer, cols: number, parts: number, offset: number, divisor: number): void {
  ctx.dispatch('batch-norm-reduce', REDUCE_WGSL, [part, out], uniforms([cols, parts, offset], [divisor]), [Math.ceil(cols / 64)]);
}

/** See Backend.batchNormStatistics. */
export function batchNormStatistics(ctx: GpuContext, x: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray): void {
  const { chunk, parts, columnGroups } = chunks(rows, cols);
  const xs = ctx.input(x, 'batch-norm input');
  const means = ctx.output(mean, 'batch-norm mean');
  const variances = ctx.output(variance, 'batch-norm variance');
  const part = ctx.output(ctx.scratch('batch-norm parts', parts * cols), 'batch-norm parts');
  const params = uniforms([rows, cols, chunk, parts], [0]);
  ctx.dispatch('batch-norm-sums', SUM_WGSL, [xs, part], params, [columnGroups, parts]);
  reduce(ctx, part, means, cols, parts, 0, rows);
  ctx.dispatch('batch-norm-squares', SQUARES_WGSL, [xs, means, part], params, [columnGroups, parts]);
  reduce(ctx, part, variances, cols, parts, 0, rows);
}

/** See Backend.batchNormForward. */
export function batchNormForward(ctx: GpuContext, x: FloatArray, y: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray, gamma: FloatArray, beta: FloatArray, epsilon: number): void {
  const n = rows * cols;
  const [gx, gy] = grid(Math.ceil(n / 256));
  const inPlace = x === y;
  const stats = [ctx.input(mean, 'batch-norm mean'), ctx.input(variance, 'batch-norm variance'), ctx.input(gamma, 'batch-norm gamma'), ctx.input(beta, 'batch-norm beta')];
  const buffers = inPlace ? [ctx.output(y, 'batch-norm output'), ...stats] : [ctx.input(x, 'batch-norm input'), ...stats, ctx.output(y, 'batch-norm output')];
  ctx.dispatch(`batch-norm-forward${inPlace ? '-in-place' : ''}`, forwardWgsl(inPlace), buffers, uniforms([n, cols, gx], [epsilon]), [gx, gy]);
}

/** See Backend.batchNormBackward. */
export function batchNormBackward(ctx: GpuContext, dy: FloatArray, x: FloatArray, rows: number, cols: number, mean: FloatArray, variance: FloatArray, gamma: FloatArray, epsilon: number, dx: FloatArray, dgamma: FloatArray, dbeta: FloatArray): void {
  const { chunk, parts, columnGroups } = chunks(rows, cols);
  const dys = ctx.input(dy, 'batch-norm output gradient');
  const xs = ctx.input(x, 'batch-norm input');
  const means = ctx.input(mean, 'batch-norm mean');
  const variances = ctx.input(variance, 'batch-norm variance');
  const gammas = ctx.input(gamma, 'batch-norm gamma');
  const part = ctx.output(ctx.scratch('batch-norm parts', 2 * parts * cols), 'batch-norm parts');
  ctx.dispatch('batch-norm-gradient-sums', GRADIENT_SUMS_WGSL, [dys, xs, means, variances, part], uniforms([rows, cols, chunk, parts], [epsilon]), [columnGroups, parts]);
  const dbetas = ctx.output(dbeta, 'batch-norm beta gradient');
  const dgammas = ctx.output(dgamma, 'batch-norm gamma gradient');
  reduce(ctx, part, dbetas, cols, parts, 0, 1);
  reduce(ctx, part, dgammas, cols, parts, parts, 1);
  const n = rows * cols;
  const [gx, gy] = grid(Math.ceil(n / 256));
  const inPlace = dx === dy;
  const common = [xs, means, variances, gammas, dgammas, dbetas];
  const buffers = inPlace ? [ctx.output(dx, 'batch-norm input gradient'), ...common] : [dys, ...common, ctx.output(dx, 'batch-norm input gradient')];
  ctx.dispatch(`batch-norm-backward${inPlace ? '-in-place' : ''}`, backwardWgsl(inPlace), buffers, uniforms([n, cols, gx], [epsilon, rows]), [gx, gy]);
}
