/**
 * Named work buffers of a wasm backend that every thread of a kernel reads (transformed
 * filters, partial sums, per-channel coefficients). Each grows to the largest size asked for
 * and is then reused, so the allocator stops growing after the first step of each batch size:
 * the short last batch and the validation batch fit in what the full batch took.
 */
import type { WasmMemory } from './memory.js';

interface Area {
  at: number;
  bytes: number;
  f32?: Float32Array;
  f64?: Float64Array;
}

export class Workspace {
  private readonly areas = new Map<string, Area>();

  constructor(private readonly mem: WasmMemory) {}

  private area(name: string, bytes: number): Area {
    const area = this.areas.get(name);
    if (area && area.bytes >= bytes) return area;
    const fresh = { at: this.mem.allocBytes(bytes), bytes };
    this.areas.set(name, fresh);
    return fresh;
  }

  /** The address of at least `bytes` bytes for `name` (contents left from the last use). */
  get(name: string, bytes: number): number {
    return this.area(name, bytes).at;
  }

  /** A Float32Array view of at least `n` values of `name` (made once per area). */
  f32(name: string, n: number): Float32Array {
    const a = this.area(name, n * 4);
    return (a.f32 ??= new Float32Array(this.mem.memory.buffer, a.at, a.bytes / 4));
  }

  /** A Float64Array view of at least `n` values of `name` (made once per area). */
  f64(name: string, n: number): Float64Array {
    const a = this.area(name, n * 8);
    return (a.f64 ??= new Float64Array(this.mem.memory.buffer, a.at, a.bytes / 8));
  }
}
