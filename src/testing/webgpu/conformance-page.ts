/**
 * The page side of the webgpu conformance harness (bundled for the browser by the test): runs
 * every case of kernel-cases.ts on the webgpu backend and on the reference backend, downloads,
 * compares, and reports per case the worst element as a fraction of its tolerance.
 */
import type { Backend, FloatArray } from '../../kernels/backend.js';
import { createRefBackend } from '../../kernels/ref/ref-backend.js';
import { createWebGpuBackend, createWebGpuBackendOn } from '../../kernels/webgpu/index.js';
import { Xoshiro128 } from '../../random/xoshiro.js';
import { allCases, type CaseInputs, type KernelCase, type Tolerance } from './kernel-cases.js';

/** One case's outcome. */
export interface CaseReport {
  kernel: string;
  name: string;
  ok: boolean;
  /** Largest `|webgpu - ref| / (atol + rtol |ref|)` over the outputs and scalars (0 when equal). */
  worst: number;
  /** The worst element, or the error thrown. */
  detail: string;
  tolerance: Tolerance;
  scalarTolerance?: Tolerance;
  /** Milliseconds the case took in the page, both backends, compilation included. */
  ms: number;
}

function seedOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

function inputs(b: Backend, seed: number): CaseInputs {
  const g = new Xoshiro128(seed);
  const upload = <T extends FloatArray | Int32Array>(a: T): T => {
    b.device?.upload([a]);
    return a;
  };
  const fill = (a: FloatArray | Int32Array, f: () => number): void => {
    for (let i = 0; i < a.length; i++) a[i] = f();
  };
  return {
    floats(n, lo = -1, hi = 1) {
      const a = b.alloc(n);
      fill(a, () => lo + (hi - lo) * g.uniform());
      return upload(a);
    },
    zeros: (n) => b.alloc(n),
    ints(n, lo, hi) {
      const a = b.allocIndices(n);
      fill(a, () => lo + Math.floor((hi - lo) * g.uniform()));
      return upload(a);
    },
    hostInts(n, lo, hi) {
      const a = new Int32Array(n);
      fill(a, () => lo + Math.floor((hi - lo) * g.uniform()));
      return a;
    },
    hostBytes(n) {
      const a = new Uint8Array(n);
      for (let i = 0; i < n; i++) a[i] = Math.floor(256 * g.uniform());
      return a;
    },
    hostFloats(n, lo = -1, hi = 1) {
      const a = new Float32Array(n);
      fill(a, () => lo + (hi - lo) * g.uniform());
      return a;
    },
  };
}

function compare(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance, what: string, worst: { ratio: number; detail: string }): void {
  if (actual.length !== expected.length) {
    worst.ratio = Infinity;
    worst.detail = `${what}: length ${actual.length}, expected ${expected.length}`;
    return;
  }
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    if (a === e || (Number.isNaN(a) && Number.isNaN(e))) continue; // equal infinities too
    const err = Math.abs(a - e);
    const bound = tol.atol + tol.rtol * Math.abs(e);
    const ratio = err === 0 ? 0 : bound === 0 ? Infinity : err / bound;
    if (!(ratio <= worst.ratio)) {
      worst.ratio = Number.isNaN(ratio) ? Infinity : ratio;
      worst.detail = `${what}[${i}] = ${a}, reference ${e} (|diff| ${err.toExponential(2)}, bound ${bound.toExponential(2)})`;
    }
  }
}

async function runCase(c: KernelCase, gpu: Backend, ref: Backend): Promise<CaseReport> {
  const t0 = performance.now();
  const report: CaseReport = { kernel: c.kernel, name: c.name, ok: false, worst: 0, detail: '', ms: 0, tolerance: c.tolerance, ...(c.scalarTolerance ? { scalarTolerance: c.scalarTolerance } : {}) };
  try {
    const seed = seedOf(c.name);
    const expected = c.run(ref, inputs(ref, seed));
    const actual = c.run(gpu, inputs(gpu, seed));
    await gpu.device!.download(actual.outputs);
    const queued = await gpu.device!.takeScalars();
    let q = 0;
    const scalars = (actual.scalars ?? []).map((s) => (Number.isNaN(s) ? queued[q++]! : s));
    if (q !== queued.length) throw new Error(`${queued.length} scalars queued, ${q} kernels returned NaN`);
    const worst = { ratio: 0, detail: 'equal' };
    actual.outputs.forEach((a, i) => compare(a, expected.outputs[i]!, c.tolerance, `output ${i}`, worst));
    compare(scalars, expected.scalars ?? [], c.scalarTolerance ?? c.tolerance, 'scalar', worst);
    report.worst = worst.ratio;
    report.detail = worst.detail;
    report.ok = worst.ratio <= 1;
  } catch (e) {
    report.worst = Infinity;
    report.detail = `${(e as Error).name}: ${(e as Error).message}`;
  }
  report.ms = performance.now() - t0;
  return report;
}

/** Runs the cases whose name contains `filter` (all by default); null when the page has no WebGPU adapter (with the reason). */
export async function runConformance(filter = ''): Promise<{ adapter: string; reports: CaseReport[] } | { unavailable: string }> {
  let gpu: Backend;
  try {
    gpu = await createWebGpuBackend();
  } catch (e) {
    return { unavailable: (e as Error).message };
  }
  const adapter = await adapterName();
  const ref = createRefBackend('float32');
  const reports: CaseReport[] = [];
  try {
    for (const c of allCases()) if (c.name.includes(filter)) reports.push(await runCase(c, gpu, ref));
  } finally {
    gpu.dispose();
  }
  return { adapter, reports };
}

/** `vendor architecture` of the page's default adapter. */
export async function adapterName(): Promise<string> {
  const adapter = await (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu?.requestAdapter();
  if (!adapter) return 'none';
  const info = adapter.info;
  return `${info.vendor} ${info.architecture}`.trim();
}

/** What the failure modes of the device give: a buffer past the binding limit, and each call after the device is lost. */
export async function runFailureChecks(): Promise<{ limit: string; kernel: string; download: string; scalars: string } | { unavailable: string }> {
  const adapter = await (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu?.requestAdapter();
  if (!adapter) return { unavailable: 'no adapter' };
  // Default limits: maxStorageBufferBindingSize is 128 MiB, whatever the adapter allows.
  const device = await adapter.requestDevice();
  const b = createWebGpuBackendOn(device);
  const message = (f: () => unknown): string => {
    try {
      f();
      return 'no error';
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };
  const limit = message(() => b.alloc(device.limits.maxStorageBufferBindingSize / 4 + 1));
  const a = b.alloc(10);
  b.scale(a, 1, 1, a, 10);
  b.sum(a, 10);
  device.destroy();
  await device.lost;
  const kernel = message(() => b.scale(a, 2, 0, a, 10));
  const download = await b.device!.download([a]).then(() => 'no error', (e: Error) => `${e.name}: ${e.message}`);
  const scalars = await b.device!.takeScalars().then(() => 'no error', (e: Error) => `${e.name}: ${e.message}`);
  return { limit, kernel, download, scalars };
}

/** GFLOP/s of `matmul` (m x k times k x n, `reps` times) on `backend`, after one warm-up product. */
export async function matmulGflops(backend: Backend, m: number, k: number, n: number, reps: number, transA = false, transB = false): Promise<number> {
  const a = backend.alloc(m * k), bb = backend.alloc(k * n), c = backend.alloc(m * n);
  for (let i = 0; i < a.length; i++) a[i] = Math.sin(i);
  for (let i = 0; i < bb.length; i++) bb[i] = Math.cos(i);
  backend.device?.upload([a, bb]);
  backend.matmul(a, bb, c, m, k, n, transA, transB, false);
  await backend.device?.download([c]);
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) backend.matmul(a, bb, c, m, k, n, transA, transB, false);
  await backend.device?.finish();
  const seconds = (performance.now() - t0) / 1000;
  return (2 * m * k * n * reps) / seconds / 1e9;
}

/** A webgpu backend on the page's default adapter (for benchmarks). */
export { createWebGpuBackend };
