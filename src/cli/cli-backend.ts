/**
 * `--backend wasm|webgpu`: on webgpu, the backend is made on the GPU that the optional package
 * `webgpu` (Dawn's bindings) finds, and new models use it; wasm is the default backend.
 */
import { createWebGpuBackend } from '../kernels/webgpu/index.js';
import { nodeWebGpu, type NodeWebGpuOptions } from '../kernels/webgpu/node/index.js';
import { setBackend } from '../kernels/registry.js';
import type { CliContext } from './context.js';
import { parseRunFlag } from './run-flags.js';

/**
 * Applies `--backend NAME`: returns true when it made the webgpu backend the current one (the
 * caller restores the default when the command ends). With `verbose`, says on stderr which
 * adapter it runs on.
 * @throws UsageError for a name other than wasm or webgpu; WebGpuUnavailableError (one line) when the package or an adapter is missing.
 */
export async function useCliBackend(where: string, raw: string, verbose: boolean, ctx: CliContext, options: NodeWebGpuOptions = {}): Promise<boolean> {
  const name = parseRunFlag(where, 'backend', raw);
  if (name !== 'webgpu') return false;
  const found = await nodeWebGpu(options);
  const backend = await createWebGpuBackend({ gpu: found.gpu, adapter: found.adapter });
  setBackend(backend, { notice: null });
  if (verbose) ctx.stderr.write(`${where}: the webgpu backend, on ${found.description}\n`);
  return true;
}
