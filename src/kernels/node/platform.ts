/** The backends' Node platform: the wasm kernels read from the package, worker_threads for the large kernels. */
import { setWasmPlatform } from '../registry.js';
import { nodeWasmPlatform } from '../wasm/node/platform.js';

export { nodeWasmPlatform };

/** Registers the Node platform with the backend registry (starts nothing: backends are created on first use). */
export function useNodePlatform(): void {
  setWasmPlatform(nodeWasmPlatform);
}
