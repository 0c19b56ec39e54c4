/**
 * What the kernel files share: binding a kernel's arrays (an array passed twice, `y` being `x`
 * say, becomes one read-write binding: WebGPU refuses one buffer bound both writable and
 * read-only in a dispatch), its parameters as a uniform struct, and its grid of workgroups.
 *
 * A kernel's WGSL names its arrays by upper-case placeholders (`X`, `OUT`); {@link bindArrays}
 * declares one storage binding per distinct array and rewrites the placeholders to it, so one
 * source serves every aliasing of its arguments (each aliasing compiled once, cached by key).
 */
import type { FloatArray } from '../backend.js';
import type { GpuContext } from './gpu-context.js';

/** Threads per workgroup of the one-dimensional kernels. */
export const WORKGROUP = 256;

/** One array argument of a kernel: its placeholder in the WGSL, the array, and what the kernel does with it. */
export interface ArrayArg {
  name: string;
  array: FloatArray | Int32Array | Uint8Array;
  /** `constant`: host data that never changes (cached by identity); `host`: host data copied in at each call. Both read-only. */
  access: 'read' | 'write' | 'readwrite' | 'constant' | 'host';
  /** Element type in the shader; default f32 (i32 for an Int32Array, u32 words for a Uint8Array). */
  type?: 'f32' | 'i32' | 'u32';
}

/** The bindings of one dispatch. */
export interface BoundArrays {
  buffers: GPUBuffer[];
  /** Which arguments share a buffer, e.g. `0,1,1`: part of the pipeline's cache key. */
  aliasKey: string;
  /** Binding declarations followed by `body` with the placeholders rewritten; `paramsStruct` (a WGSL struct named `Params`) becomes the uniform `P` after the arrays. */
  source(paramsStruct: string | null, body: string): string;
}

const sources = new Map<string, string>();

/** The WGSL of `key` built once by `build` (the rewriting is not redone each call). */
export function cachedSource(key: string, build: () => string): string {
  let s = sources.get(key);
  if (s === undefined) {
    s = build();
    sources.set(key, s);
  }
  return s;
}

/** Binds `args` through `ctx` (uploads what the kernel reads, marks what it writes); see the module comment. */
export function bindArrays(ctx: GpuContext, args: readonly ArrayArg[], what: string): BoundArrays {
  const groups: { array: ArrayArg['array']; type: string; read: boolean; write: boolean; access: ArrayArg['access']; names: string[] }[] = [];
  const slot: number[] = [];
  for (const a of args) {
    let g = groups.findIndex((x) => x.array === a.array);
    if (g < 0) {
      g = groups.length;
      const type = a.type ?? (a.array instanceof Int32Array ? 'i32' : a.array instanceof Uint8Array ? 'u32' : 'f32');
      groups.push({ array: a.array, type, read: false, write: false, access: a.access, names: [] });
    }
    const group = groups[g]!;
    group.names.push(a.name);
    if (a.access !== 'write') group.read = true;
    if (a.access === 'write' || a.access === 'readwrite') group.write = true;
    slot.push(g);
  }
  const buffers = groups.map((g) => {
    const label = `${what} ${g.names.join('/')}`;
    if (!g.write) {
      if (g.access === 'constant') return ctx.constant(g.array, label);
      if (g.access === 'host' && !(g.array instanceof Uint8Array)) return ctx.hostData(g.array, label);
      return ctx.input(g.array, label);
    }
    if (g.array instanceof Uint8Array) throw new TypeError(`${label}: a byte array cannot be written by a kernel`);
    // output() copies a newer host copy in first, so a kernel that reads or writes part of it sees the host's values.
    return ctx.output(g.array, label);
  });
  return {
    buffers,
    aliasKey: slot.join(','),
    source(paramsStruct, body) {
      const decls = groups.map((g, i) => `@group(0) @binding(${i}) var<storage, ${g.write ? 'read_write' : 'read'}> b${i}: array<${g.type}>;`);
      if (paramsStruct !== null) decls.push(`${paramsStruct}\n@group(0) @binding(${groups.length}) var<uniform> P: Params;`);
      let text = body;
      args.forEach((a, i) => {
        text = text.replace(new RegExp(`\\b${a.name}\\b`, 'g'), `b${slot[i]}`);
      });
      return `${decls.join('\n')}\n${text}`;
    },
  };
}

/** Builds a uniform parameter block of 32-bit fields in declaration order. */
export class Params {
  private readonly view = new DataView(new ArrayBuffer(256));
  private bytes = 0;

  u32(v: number): this {
    this.view.setUint32(this.bytes, v >>> 0, true);
    this.bytes += 4;
    return this;
  }

  i32(v: number): this {
    this.view.setInt32(this.bytes, v | 0, true);
    this.bytes += 4;
    return this;
  }

  f32(v: number): this {
    this.view.setFloat32(this.bytes, v, true);
    this.bytes += 4;
    return this;
  }

  get buffer(): ArrayBuffer {
    return this.view.buffer.slice(0, Math.max(16, Math.ceil(this.bytes / 16) * 16));
  }
}

/** Workgroups covering `n` invocations of `size` threads, folded into two dimensions past the per-dimension limit. */
export function grid(n: number, size = WORKGROUP, maxPerDimension = 65535): [number, number] {
  const groups = Math.ceil(n / size);
  if (groups <= maxPerDimension) return [groups, 1];
  const y = Math.ceil(groups / maxPerDimension);
  return [Math.ceil(groups / y), y];
}

/** The WGSL entry point header of a one-dimensional kernel: `i` is the invocation's index (check it against the count). */
export const ENTRY_1D = `@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.y * nwg.x + wid.x) * ${WORKGROUP}u + lid;`;

/** `v` as an exact f32 literal of WGSL (its bits), whatever the compiler's rounding of decimal literals. */
export function f32Literal(v: number): string {
  const bits = new Uint32Array(new Float32Array([v]).buffer)[0]!;
  return `bitcast<f32>(0x${bits.toString(16)}u)`;
}
