/**
 * The webgpu backend's entry: {@link createWebGpuBackend} finds an adapter, asks it for a device
 * with the limits the kernels need, and builds the backend on it. Nothing happens on import.
 */
import type { Backend } from '../backend.js';
import { WebGpuUnavailableError } from '../../errors.js';
import { createWebGpuBackendOn } from './webgpu-backend.js';

/** Options of {@link createWebGpuBackend}. */
export interface WebGpuBackendOptions {
  /** The WebGPU entry point (`navigator.gpu` by default; in Node, e.g. the `webgpu` package's `create([])`). Typed `unknown` so the public types need no WebGPU declarations. */
  gpu?: unknown;
  /** An adapter already requested (a `GPUAdapter`); `gpu` and `powerPreference` are then not used. */
  adapter?: unknown;
  /** Passed to `requestAdapter`. */
  powerPreference?: 'low-power' | 'high-performance';
}

/** The limits the kernels need, and their floor. */
const NEEDED: readonly (readonly [keyof GPUSupportedLimits, number])[] = [
  ['maxComputeInvocationsPerWorkgroup', 256],
  ['maxComputeWorkgroupSizeX', 256],
  ['maxComputeWorkgroupStorageSize', 8192],
  ['maxStorageBuffersPerShaderStage', 6],
];

/**
 * A backend whose kernels run on the GPU through WebGPU (see Backend.device for how its buffers
 * are read and written). Fails with a {@link WebGpuUnavailableError} saying why when there is no
 * `navigator.gpu`, no adapter, or an adapter below the limits the kernels need.
 */
export async function createWebGpuBackend(options: WebGpuBackendOptions = {}): Promise<Backend> {
  let adapter = (options.adapter ?? null) as GPUAdapter | null;
  if (!adapter) {
    const gpu = (options.gpu ?? (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu) as GPU | undefined;
    if (!gpu) throw new WebGpuUnavailableError('webgpu backend: no WebGPU here (navigator.gpu is undefined; a browser with WebGPU, on a page served over https or from localhost, has it)');
    adapter = await gpu.requestAdapter(options.powerPreference ? { powerPreference: options.powerPreference } : {});
    if (!adapter) throw new WebGpuUnavailableError('webgpu backend: navigator.gpu gave no adapter (WebGPU is disabled or no GPU is usable)');
  }
  for (const [name, floor] of NEEDED) {
    const has = adapter.limits[name] as number;
    if (has < floor) throw new WebGpuUnavailableError(`webgpu backend: the adapter's ${name} is ${has}, the kernels need at least ${floor}`);
  }
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
      maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: adapter.limits.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: adapter.limits.maxComputeWorkgroupSizeX,
    },
  });
  return createWebGpuBackendOn(device);
}
