/**
 * The webgpu backend's entry. Until its kernels are in this build, creating it fails with a
 * typed error saying so.
 */
import type { Backend } from '../backend.js';
import { WebGpuUnavailableError } from '../../errors.js';

/** Options of {@link createWebGpuBackend}. */
export interface WebGpuBackendOptions {
  /** The WebGPU entry point (`navigator.gpu` by default). */
  gpu?: unknown;
  /** An adapter already requested (a `GPUAdapter`). */
  adapter?: unknown;
  /** Passed to `requestAdapter`. */
  powerPreference?: 'low-power' | 'high-performance';
}

/**
 * Creates the webgpu backend on `navigator.gpu` (or `options.gpu`).
 * @throws WebGpuUnavailableError (one line: why).
 */
export function createWebGpuBackend(options: WebGpuBackendOptions = {}): Promise<Backend> {
  void options;
  return Promise.reject(new WebGpuUnavailableError('webgpu backend: its kernels are not in this build'));
}
