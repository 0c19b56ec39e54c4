/** A one-line description of a backend for logs: its name, threads and, for wasm, which arithmetic runs. */
import type { Backend } from './backend.js';

const ARITHMETIC: Record<string, string> = {
  'relaxed-simd': 'relaxed SIMD (fused multiply-add)',
  simd: 'SIMD (multiply then add; relaxed SIMD not available or turned off)',
};

/** E.g. `wasm backend, 2 threads, relaxed SIMD (fused multiply-add)` or `ref backend (float32)`. */
export function describeBackend(backend: Backend): string {
  const b = backend as Backend & { threads?: number; arithmetic?: string };
  const parts = [`${backend.name} backend`];
  if (b.threads !== undefined) parts.push(`${b.threads} thread${b.threads === 1 ? '' : 's'}`);
  if (b.arithmetic !== undefined) parts.push(ARITHMETIC[b.arithmetic] ?? b.arithmetic);
  else parts.push(`(${backend.dtype})`);
  return parts.join(', ').replace(', (', ' (');
}
