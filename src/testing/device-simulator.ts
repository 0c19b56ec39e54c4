/**
 * A backend that behaves, for the code calling it, like one whose buffers live on a device
 * (see `DeviceMemory` in kernels/backend.ts), so that Node tests catch every host read or write
 * that skips the protocol. It wraps a host backend (the reference one by default):
 *
 * - each buffer's true values sit in a private array of the wrapped backend, which the kernels
 *   read and write; the array `alloc` returns is a host copy;
 * - a kernel that writes a buffer overwrites its host copy with NaN (index buffers with
 *   {@link STALE_INDEX}); only `await download([buffer])` makes it current again;
 * - host writes to a host copy reach the kernels only after `upload([buffer])` (a write without
 *   it is lost);
 * - the kernels returning a number return NaN and queue the value; `takeScalars()` and
 *   `download()` resolve after a macrotask, as a device's readback does.
 *
 * Arrays the backend did not allocate are host data, read by kernels as they are; a kernel asked
 * to write one, or given a view into one of its buffers rather than the buffer, throws.
 * `lose(reason)` simulates a lost device: kernels do nothing from then on, and every read back
 * rejects with a `DeviceLostError`, as on the webgpu backend.
 */
import type { Backend, DeviceMemory, FloatArray, RandomStream } from '../kernels/backend.js';
import { createRefBackend } from '../kernels/ref/ref-backend.js';
import { DeviceLimitError, DeviceLostError } from '../errors.js';

/** What a stale host copy of an index buffer holds. */
export const STALE_INDEX = -0x80000000;

/** Counts of the protocol calls a simulator saw, for tests that pin how often the engine waits. */
export interface DeviceSimulatorStats {
  downloads: number;
  uploads: number;
  takeScalars: number;
  scalarsQueued: number;
  kernels: number;
}

export interface DeviceSimulator extends Backend {
  readonly device: DeviceMemory;
  readonly stats: DeviceSimulatorStats;
  /** From now on the device is lost: kernels are dropped, reads back reject (see the file's comment). */
  lose(reason: string): void;
  /** The device-side values of a buffer this backend allocated (what its kernels read), for tests. */
  deviceValues(buffer: FloatArray | Int32Array): FloatArray | Int32Array;
}

type Buffer = FloatArray | Int32Array;

/** The argument positions each kernel writes. */
const WRITES: Partial<Record<keyof Backend, readonly number[]>> = {
  matmul: [2],
  // The pre-activation stays in x when y is another buffer.
  biasActivation: [0, 2],
  activationBackward: [0],
  sumRows: [3],
  softmaxCrossEntropy: [5],
  adamUpdate: [0, 2, 3],
  sgdUpdate: [0, 2],
  rmspropUpdate: [0, 2, 3, 4],
  add: [2],
  mul: [2],
  scale: [3],
  gatherRows: [6],
  conv2dForward: [2],
  conv2dBackwardInput: [2],
  conv2dBackwardFilter: [2],
  maxPool2dForward: [1, 2],
  maxPool2dBackward: [2],
  avgPool2dForward: [1],
  avgPool2dBackward: [1],
  batchNormStatistics: [3, 4],
  batchNormForward: [1],
  batchNormBackward: [8, 9, 10],
  fillUniform: [1],
  fillNormal: [1],
  fillBernoulli: [1],
};

/** The kernels that return a number: the simulator queues it and returns NaN. */
const SCALARS = new Set<keyof Backend>(['softmaxCrossEntropy', 'countCorrect', 'sum']);

/** A macrotask: what a device readback takes at least. */
const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Limits of a simulated device. */
export interface DeviceSimulatorLimits {
  /** The most values one buffer may hold, as an adapter's maxStorageBufferBindingSize bounds it; a bigger alloc fails with a DeviceLimitError naming the limit. */
  maxBufferValues?: number;
}

/** A simulated device backend around `inner` (a fresh reference backend by default). */
export function createDeviceSimulator(inner: Backend = createRefBackend(), limits: DeviceSimulatorLimits = {}): DeviceSimulator {
  const maxValues = limits.maxBufferValues ?? Infinity;
  const checkSize = (n: number): number => {
    if (n > maxValues) throw new DeviceLimitError(`device-sim: a buffer of ${n} values is more than the device's ${maxValues} per binding`);
    return n;
  };
  const priv = new WeakMap<Buffer, Buffer>();
  /** The ArrayBuffers of host copies, to tell a view into one from the buffer itself. */
  const hostMemory = new WeakSet<ArrayBufferLike>();
  let queue: number[] = [];
  let lost: string | null = null;
  const check = (): void => {
    if (lost !== null) throw new DeviceLostError(`device-sim: the device was lost (${lost})`);
  };
  const stats: DeviceSimulatorStats = { downloads: 0, uploads: 0, takeScalars: 0, scalarsQueued: 0, kernels: 0 };

  const own = (host: Buffer, device: Buffer): Buffer => {
    priv.set(host, device);
    hostMemory.add(host.buffer);
    return host;
  };
  const deviceOf = (kernel: string, a: unknown, writes: boolean): unknown => {
    if (!ArrayBuffer.isView(a)) return a;
    const d = priv.get(a as Buffer);
    if (d) return d;
    if (hostMemory.has(a.buffer)) throw new Error(`device simulator: ${kernel} was given a view into a device buffer; kernels take whole buffers`);
    if (writes) throw new Error(`device simulator: ${kernel} would write an array the backend did not allocate`);
    return a;
  };
  const stale = (a: unknown): void => {
    if (a instanceof Int32Array) a.fill(STALE_INDEX);
    else (a as FloatArray).fill(NaN);
  };

  const backend = {
    name: 'device-sim',
    dtype: 'float32',
    stats,
    alloc: (n: number) => own(new Float32Array(checkSize(n)), inner.alloc(n)),
    allocIndices: (n: number) => own(new Int32Array(checkSize(n)), inner.allocIndices(n)),
    free(buffer: Buffer) {
      const d = priv.get(buffer);
      if (d) inner.free?.(d);
      priv.delete(buffer);
    },
    createRandom: (seed: number): RandomStream => inner.createRandom(seed),
    dispose: () => inner.dispose(),
    lose(reason: string): void {
      lost = reason;
    },
    deviceValues(buffer: Buffer): Buffer {
      const d = priv.get(buffer);
      if (!d) throw new Error('device simulator: not a buffer of this backend');
      return d;
    },
    device: {
      async download(buffers: readonly Buffer[]): Promise<void> {
        stats.downloads++;
        check();
        // The values as of this point of the queue, delivered later.
        const copies = buffers.map((b) => {
          const d = priv.get(b);
          if (!d) throw new Error('device simulator: download of an array the backend did not allocate');
          return d.slice();
        });
        await later();
        buffers.forEach((b, i) => b.set(copies[i]!));
      },
      upload(buffers: readonly Buffer[]): void {
        stats.uploads++;
        for (const b of buffers) {
          const d = priv.get(b);
          if (!d) throw new Error('device simulator: upload of an array the backend did not allocate');
          d.set(b);
        }
      },
      async takeScalars(): Promise<Float64Array> {
        stats.takeScalars++;
        check();
        const values = Float64Array.from(queue);
        queue = [];
        await later();
        return values;
      },
      async finish(): Promise<void> {
        check();
        await later();
      },
    } satisfies DeviceMemory,
  } as Record<string, unknown>;

  const kernels = Object.keys(inner).filter((k) => typeof (inner as unknown as Record<string, unknown>)[k] === 'function' && !(k in backend)) as (keyof Backend)[];
  for (const name of kernels) {
    const writes = WRITES[name] ?? [];
    const fn = (inner[name] as (...args: unknown[]) => unknown).bind(inner);
    backend[name] = (...args: unknown[]): unknown => {
      stats.kernels++;
      if (lost !== null) {
        if (SCALARS.has(name)) queue.push(NaN);
        return SCALARS.has(name) ? NaN : undefined;
      }
      const mapped = args.map((a, i) => deviceOf(name, a, writes.includes(i)));
      const result = fn(...mapped);
      for (const i of writes) if (ArrayBuffer.isView(args[i])) stale(args[i]);
      if (SCALARS.has(name)) {
        queue.push(result as number);
        stats.scalarsQueued++;
        return NaN;
      }
      return result;
    };
  }
  return backend as unknown as DeviceSimulator;
}
