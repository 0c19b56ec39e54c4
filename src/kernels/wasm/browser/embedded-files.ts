/**
 * The kernels and the kernel worker built into the browser bundle for bundlers
 * (dist/browser/noisenet-embedded.js, the package's `browser` entry). Elsewhere there are none
 * (null: the files are fetched from beside the bundle): the browser build of the library
 * (scripts/browser/library.mjs) replaces this module with one that returns the two wasm builds
 * (base64) and the worker's script, so that a page bundling noisenet needs no file beside its bundle.
 */

/** The files {@link embeddedKernelFiles} returns. */
export interface EmbeddedKernelFiles {
  /** kernels.wasm (shared memory), base64. */
  readonly kernels: string;
  /** kernels-unshared.wasm, base64. */
  readonly unsharedKernels: string;
  /** kernel-worker.js, the module worker's script. */
  readonly worker: string;
}

/** The files built into this bundle, or null where there are none. */
export function embeddedKernelFiles(): EmbeddedKernelFiles | null {
  return null;
}
