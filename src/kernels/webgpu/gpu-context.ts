/**
 * The device side of the webgpu backend: one GPU buffer per host array, which side holds its
 * current values, compute dispatches with a pipeline cache, and the queue of scalars the loss
 * and metric kernels leave on the device. Kernels (one file per group) are functions
 * `(ctx: GpuContext, ...contract args) => void` that ask this for their buffers and queue one
 * or more dispatches.
 *
 * Ordering: every dispatch, copy and upload is submitted to the device queue at once, in call
 * order, so the device runs them in the order the host asked for them; a host write
 * (`upload`, host data copied in by `input`) is ordered before the kernels queued after it.
 */
import type { DeviceMemory, FloatArray } from '../backend.js';
import { DeviceLimitError, DeviceLostError, GpuKernelError, InvalidArgumentError } from '../../errors.js';

/** What a kernel file sees of the device (see the module's comment). */
export interface GpuContext {
  readonly device: GPUDevice;
  /**
   * The device buffer holding `a` for a kernel to read (copied in first when the host copy is
   * newer, or `a` is host data). `what` names it in errors (too big for
   * maxStorageBufferBindingSize: refused with the name and the limit). A `Uint8Array` is host
   * data packed four bytes to a u32 word (byte `i` is `(word[i / 4] >> (8 * (i % 4))) & 255`),
   * copied once and cached by identity: data set bytes never change.
   */
  input(a: FloatArray | Int32Array | Uint8Array, what: string): GPUBuffer;
  /** The device buffer of `a` for a kernel to write; the host copy becomes stale. */
  output(a: FloatArray | Int32Array, what: string): GPUBuffer;
  /**
   * Queues one compute dispatch: the pipeline for `wgsl` (compiled once, cached by `key`),
   * storage bindings 0..n-1 = `buffers` in group 0, and when `params` is given a uniform buffer
   * at binding n holding it; `workgroups` counts per dimension (split by the caller to stay
   * under maxComputeWorkgroupsPerDimension). Each binding's access (read, read_write, uniform)
   * is taken from the `@binding(i) var<...>` declarations of `wgsl`.
   */
  dispatch(key: string, wgsl: string, buffers: readonly GPUBuffer[], params: ArrayBuffer | null, workgroups: readonly [number, number?, number?]): void;
  /** Queues the f32 at element `index` of `buffer` as the next scalar of DeviceMemory.takeScalars(). */
  queueScalar(buffer: GPUBuffer, index: number): void;
  /**
   * The device buffer of host data that never changes (a data set's floats or bytes): copied
   * once, cached by the array's identity. Bytes are packed as by {@link GpuContext.input}.
   */
  constant(a: FloatArray | Int32Array | Uint8Array, what: string): GPUBuffer;
  /** The device buffer of `a` with `a`'s current host values copied in now, whoever allocated it (a batch index reshuffled in place). */
  hostData(a: FloatArray | Int32Array, what: string): GPUBuffer;
  /** A float array owned by the context for a kernel's intermediate values, at least `n` long, reused by `name` (kernels run in order, so reuse is safe). */
  scratch(name: string, n: number): Float32Array;
}

/** Which side holds the current values of a buffer. */
type Current = 'both' | 'device' | 'host';

interface BufferRecord {
  buffer: GPUBuffer;
  current: Current;
  /** Counts kernel writes, so a download that finishes after a later write does not mark the host copy current. */
  writes: number;
  /** Allocated by the backend (not host data). */
  owned: boolean;
}

const STORAGE = 0x0080; // GPUBufferUsage.STORAGE (the constants are globals only in a browser)
const COPY_SRC = 0x0004;
const COPY_DST = 0x0008;
const MAP_READ = 0x0001;
const UNIFORM = 0x0040;
const MAP_MODE_READ = 0x0001;

/** Bytes of the device buffer for `n` bytes of host data: a multiple of 4, at least 4 (bindings cannot be empty). */
function deviceBytes(n: number): number {
  return Math.max(4, Math.ceil(n / 4) * 4);
}

/**
 * The {@link GpuContext} of a device, with the {@link DeviceMemory} protocol and the buffer
 * allocation of the backend built on it.
 */
export class WebGpuContext implements GpuContext, DeviceMemory {
  private readonly records = new WeakMap<ArrayBufferView, BufferRecord>();
  private readonly pipelines = new Map<string, { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout }>();
  private readonly maxBinding: number;
  private readonly maxWorkgroups: number;
  private scalarBuffer: GPUBuffer;
  private scalarCapacity = 1024;
  private scalarCount = 0;
  private uniform: GPUBuffer;
  private uniformBytes = 256;
  private readonly scratchArrays = new Map<string, Float32Array>();
  private lostReason: string | null = null;
  private kernelError: string | null = null;
  private disposed = false;

  constructor(readonly device: GPUDevice) {
    this.maxBinding = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    this.maxWorkgroups = device.limits.maxComputeWorkgroupsPerDimension;
    this.scalarBuffer = this.createBuffer(this.scalarCapacity * 4, STORAGE | COPY_SRC | COPY_DST, 'scalar queue');
    this.uniform = this.createBuffer(this.uniformBytes, UNIFORM | COPY_DST, 'kernel parameters');
    void device.lost.then((info) => {
      if (!this.disposed) this.lostReason = info.message ? `${info.reason}: ${info.message}` : String(info.reason);
    });
    device.addEventListener('uncapturederror', (event) => {
      const error = (event as GPUUncapturedErrorEvent).error;
      this.kernelError ??= error.message.split('\n')[0] ?? 'unknown error';
    });
  }

  /** The largest buffer a kernel can bind, in bytes (the adapter's maxStorageBufferBindingSize). */
  get maxBufferBytes(): number {
    return this.maxBinding;
  }

  /** The most workgroups a dispatch may have per dimension. */
  get maxWorkgroupsPerDimension(): number {
    return this.maxWorkgroups;
  }

  /** Throws the typed error of a lost device or of a kernel the device refused, if any. */
  check(): void {
    if (this.disposed) throw new DeviceLostError('webgpu backend: used after dispose()');
    if (this.lostReason !== null) throw new DeviceLostError(`webgpu backend: the GPU device was lost (${this.lostReason}); its buffers are gone`);
    if (this.kernelError !== null) throw new GpuKernelError(`webgpu backend: the device refused a kernel: ${this.kernelError}`);
  }

  /** A zero-filled host array of `n` floats with its (zero-filled) device buffer. */
  allocFloat(n: number, what = `a buffer of ${n} floats`): Float32Array {
    const a = new Float32Array(n);
    this.register(a, what, true, undefined, true);
    return a;
  }

  /** A zero-filled host array of `n` 32-bit integers with its device buffer. */
  allocInt(n: number, what = `an index buffer of ${n} integers`): Int32Array {
    const a = new Int32Array(n);
    this.register(a, what, true, undefined, true);
    return a;
  }

  /** Destroys the device buffer of `a` (a buffer from allocFloat/allocInt); `a` must not reach a kernel again. */
  free(a: FloatArray | Int32Array): void {
    const r = this.records.get(a);
    if (!r) return;
    this.records.delete(a);
    r.buffer.destroy();
  }

  input(a: FloatArray | Int32Array | Uint8Array, what: string): GPUBuffer {
    this.check();
    let r = this.records.get(a);
    if (a instanceof Uint8Array) {
      if (!r) r = this.register(a, what, false, packBytes(a));
      return r.buffer;
    }
    if (!r) r = this.register(a, what, false);
    if (r.current === 'host' || !r.owned) {
      this.writeHost(r.buffer, a);
      if (r.owned) r.current = 'both';
    }
    return r.buffer;
  }

  constant(a: FloatArray | Int32Array | Uint8Array, what: string): GPUBuffer {
    this.check();
    let r = this.records.get(a);
    if (!r) r = this.register(a, what, false, a instanceof Uint8Array ? packBytes(a) : undefined);
    else if (r.owned && r.current === 'host') {
      this.writeHost(r.buffer, a as FloatArray | Int32Array);
      r.current = 'both';
    }
    return r.buffer;
  }

  hostData(a: FloatArray | Int32Array, what: string): GPUBuffer {
    this.check();
    const r = this.records.get(a);
    if (!r) return this.register(a, what, false).buffer;
    this.writeHost(r.buffer, a);
    if (r.owned) r.current = 'both';
    return r.buffer;
  }

  scratch(name: string, n: number): Float32Array {
    let a = this.scratchArrays.get(name);
    if (!a || a.length < n) {
      if (a) this.free(a);
      a = this.allocFloat(Math.max(n, 2 * (a?.length ?? 0)), `scratch ${name}`);
      this.scratchArrays.set(name, a);
    }
    return a;
  }

  output(a: FloatArray | Int32Array, what: string): GPUBuffer {
    this.check();
    let r = this.records.get(a);
    if (!r) r = this.register(a, what, true);
    // A kernel may write only part of the buffer: the rest must be the host's newer values.
    if (r.current === 'host') this.writeHost(r.buffer, a);
    r.current = 'device';
    r.writes++;
    return r.buffer;
  }

  dispatch(key: string, wgsl: string, buffers: readonly GPUBuffer[], params: ArrayBuffer | null, workgroups: readonly [number, number?, number?]): void {
    this.check();
    const [x, y = 1, z = 1] = workgroups;
    for (const count of [x, y, z]) {
      if (count > this.maxWorkgroups) throw new DeviceLimitError(`webgpu backend: kernel '${key}' needs ${count} workgroups in one dimension, the adapter allows ${this.maxWorkgroups} (maxComputeWorkgroupsPerDimension)`);
    }
    if (x === 0 || y === 0 || z === 0) return;
    const { pipeline, layout } = this.pipeline(key, wgsl);
    const entries: GPUBindGroupEntry[] = buffers.map((buffer, binding) => ({ binding, resource: { buffer } }));
    if (params !== null) {
      const size = Math.max(16, Math.ceil(params.byteLength / 16) * 16);
      if (size > this.uniformBytes) {
        this.uniform.destroy();
        this.uniformBytes = size;
        this.uniform = this.createBuffer(size, UNIFORM | COPY_DST, 'kernel parameters');
      }
      const padded = new Uint8Array(size);
      padded.set(new Uint8Array(params));
      // Written on the queue before this dispatch's submission and after every earlier one:
      // one uniform buffer serves every dispatch.
      this.device.queue.writeBuffer(this.uniform, 0, padded);
      entries.push({ binding: buffers.length, resource: { buffer: this.uniform, offset: 0, size } });
    }
    const group = this.device.createBindGroup({ layout, entries });
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(x, y, z);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  queueScalar(buffer: GPUBuffer, index: number): void {
    this.check();
    if (this.scalarCount === this.scalarCapacity) {
      const bigger = this.createBuffer(this.scalarCapacity * 8, STORAGE | COPY_SRC | COPY_DST, 'scalar queue');
      const encoder = this.device.createCommandEncoder();
      encoder.copyBufferToBuffer(this.scalarBuffer, 0, bigger, 0, this.scalarCapacity * 4);
      this.device.queue.submit([encoder.finish()]);
      const old = this.scalarBuffer;
      this.scalarBuffer = bigger;
      this.scalarCapacity *= 2;
      old.destroy();
    }
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, index * 4, this.scalarBuffer, this.scalarCount * 4, 4);
    this.device.queue.submit([encoder.finish()]);
    this.scalarCount++;
  }

  async takeScalars(): Promise<Float64Array> {
    this.check();
    const count = this.scalarCount;
    this.scalarCount = 0;
    if (count === 0) return new Float64Array(0);
    const staging = this.createBuffer(count * 4, MAP_READ | COPY_DST, 'scalar readback');
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.scalarBuffer, 0, staging, 0, count * 4);
    this.device.queue.submit([encoder.finish()]);
    const values = new Float32Array(await this.mapRead(staging, count * 4));
    staging.destroy();
    return Float64Array.from(values);
  }

  async download(buffers: readonly (FloatArray | Int32Array)[]): Promise<void> {
    this.check();
    const pending: { a: FloatArray | Int32Array; r: BufferRecord; offset: number; writes: number }[] = [];
    let bytes = 0;
    for (const a of new Set(buffers)) {
      const r = this.records.get(a);
      if (!r || r.current !== 'device') continue;
      pending.push({ a, r, offset: bytes, writes: r.writes });
      bytes += deviceBytes(a.byteLength);
    }
    if (pending.length === 0) return;
    const staging = this.createBuffer(bytes, MAP_READ | COPY_DST, 'readback');
    const encoder = this.device.createCommandEncoder();
    for (const p of pending) encoder.copyBufferToBuffer(p.r.buffer, 0, staging, p.offset, deviceBytes(p.a.byteLength));
    this.device.queue.submit([encoder.finish()]);
    const data = await this.mapRead(staging, bytes);
    for (const p of pending) {
      // A kernel that wrote the buffer after this download was asked for leaves it stale.
      if (p.r.writes !== p.writes) continue;
      new Uint8Array(p.a.buffer, p.a.byteOffset, p.a.byteLength).set(new Uint8Array(data, p.offset, p.a.byteLength));
      p.r.current = 'both';
    }
    staging.destroy();
  }

  upload(buffers: readonly (FloatArray | Int32Array)[]): void {
    this.check();
    for (const a of new Set(buffers)) {
      const r = this.records.get(a);
      if (!r) continue; // host data: copied in whenever a kernel reads it
      this.writeHost(r.buffer, a);
      r.current = 'both';
    }
  }

  async finish(): Promise<void> {
    this.check();
    await this.device.queue.onSubmittedWorkDone();
    this.check();
  }

  /** Destroys the device (and so every buffer); the context must not be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pipelines.clear();
    this.device.destroy();
  }

  private register(a: ArrayBufferView, what: string, owned: boolean, packed?: Uint8Array, fresh = false): BufferRecord {
    const bytes = packed ?? new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    if (a instanceof Float64Array) throw new InvalidArgumentError(`webgpu backend: ${what} must be a Float32Array, received a Float64Array (the webgpu backend computes in float32)`);
    const buffer = this.createBuffer(deviceBytes(bytes.byteLength), STORAGE | COPY_SRC | COPY_DST, what);
    const r: BufferRecord = { buffer, current: 'both', writes: 0, owned };
    if (!owned || packed) this.writeBytes(buffer, bytes);
    else if (!fresh && !isZero(bytes)) r.current = 'host';
    this.records.set(a, r);
    return r;
  }

  private createBuffer(size: number, usage: number, what: string): GPUBuffer {
    this.check();
    if (usage & STORAGE && size > this.maxBinding) {
      throw new DeviceLimitError(`webgpu backend: ${what} needs ${size} bytes, more than the adapter's maxStorageBufferBindingSize of ${this.maxBinding} bytes`);
    }
    return this.device.createBuffer({ size, usage, label: what });
  }

  private writeHost(buffer: GPUBuffer, a: FloatArray | Int32Array): void {
    this.writeBytes(buffer, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }

  private writeBytes(buffer: GPUBuffer, bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    if (bytes.byteLength % 4 !== 0) {
      const padded = new Uint8Array(deviceBytes(bytes.byteLength));
      padded.set(bytes);
      bytes = padded;
    }
    this.device.queue.writeBuffer(buffer, 0, bytes);
  }

  private async mapRead(staging: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    try {
      await staging.mapAsync(MAP_MODE_READ, 0, bytes);
    } catch (e) {
      this.check();
      throw new DeviceLostError(`webgpu backend: reading back from the GPU failed (${(e as Error).message})`);
    }
    const copy = staging.getMappedRange(0, bytes).slice(0);
    staging.unmap();
    return copy;
  }

  private pipeline(key: string, wgsl: string): { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout } {
    let p = this.pipelines.get(key);
    if (!p) {
      const module = this.device.createShaderModule({ code: wgsl, label: key });
      const layout = this.device.createBindGroupLayout({ label: key, entries: bindingsOf(wgsl) });
      const pipeline = this.device.createComputePipeline({
        label: key,
        layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main' },
      });
      p = { pipeline, layout };
      this.pipelines.set(key, p);
    }
    return p;
  }
}

const COMPUTE = 0x4; // GPUShaderStage.COMPUTE

/** The bind group layout entries declared by `@group(0) @binding(i) var<storage, read|read_write>` / `var<uniform>` in `wgsl`. */
export function bindingsOf(wgsl: string): GPUBindGroupLayoutEntry[] {
  const entries: GPUBindGroupLayoutEntry[] = [];
  const pattern = /@binding\((\d+)\)\s*var<\s*(storage|uniform)\s*(?:,\s*(read_write|read))?\s*>/g;
  for (const m of wgsl.matchAll(pattern)) {
    const binding = Number(m[1]);
    const type: GPUBufferBindingType = m[2] === 'uniform' ? 'uniform' : m[3] === 'read_write' ? 'storage' : 'read-only-storage';
    entries.push({ binding, visibility: COMPUTE, buffer: { type } });
  }
  return entries.sort((a, b) => a.binding - b.binding);
}

/** `bytes` four to a word (little-endian), zero-padded to a whole word. */
function packBytes(bytes: Uint8Array): Uint8Array {
  const packed = new Uint8Array(deviceBytes(bytes.byteLength));
  packed.set(bytes);
  return packed;
}

function isZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}
