/** The backends' browser platform: the wasm kernels fetched, Web Workers where the page allows threads. */
import { setWasmPlatform } from '../registry.js';
import { browserWasmPlatform, type BrowserPlatformInfo, type BrowserPlatformOptions, type BrowserWasmPlatform } from '../wasm/browser/platform.js';

export type { BrowserPlatformInfo, BrowserPlatformOptions };

let current: { key: string; made: Promise<BrowserWasmPlatform> } | null = null;

/**
 * Loads the wasm kernels and, where the page is cross-origin isolated and this runs in a Web
 * Worker, starts the kernel workers; then registers the platform with the backend registry, so
 * that the default backend and every wasm backend created afterwards use it. Await it before
 * building models. With threads, each backend takes the running kernel workers and new ones are
 * started for the next: await it again before creating another backend (it resolves once they
 * are ready). Without threads it says why in `singleThreadReason`.
 * @throws NoisenetError when the kernels cannot be fetched or WebAssembly SIMD is missing.
 */
export async function useBrowserPlatform(options: BrowserPlatformOptions = {}): Promise<BrowserPlatformInfo> {
  const key = JSON.stringify([String(options.baseUrl ?? ''), options.threads ?? null, options.unsharedMemoryMiB ?? null]);
  if (current?.key !== key) {
    const made = browserWasmPlatform(options);
    current = { key, made };
    made.catch(() => {
      if (current?.made === made) current = null;
    });
  }
  const browser = await current.made;
  await browser.ready();
  setWasmPlatform(browser.platform);
  return browser.info;
}
