/**
 * The wasm backend's platform in browsers: the kernels built into the browser bundle (or fetched
 * from `baseUrl` when one is given), and, where the page is cross-origin isolated and the code runs in a Web Worker, a pool of
 * kernel Web Workers sharing the backend's memory. Elsewhere the backend runs on one thread: on
 * an unshared memory of fixed size when the page is not isolated (no SharedArrayBuffer), on the
 * shared memory when it is but the code runs on the page's main thread (which may not block in
 * Atomics.wait, as the pool's calling thread must).
 */
import { NoisenetError } from '../../../errors.js';
import { checkNumber } from '../../../validate.js';
import { SharedPool } from '../shared-pool.js';
import type { ThreadPoolFactory, WasmPlatform } from '../platform.js';
import { api, type Module } from '../wasm-api.js';
import { wasmUnsupportedReason } from '../support.js';
import { embeddedKernelFiles, type EmbeddedKernelFiles } from './embedded-files.js';
import { web } from './web-globals.js';
import { WorkerSpares } from './worker-spares.js';

/** Options of {@link browserWasmPlatform}. */
export interface BrowserPlatformOptions {
  /** Threads of the backends, the calling thread included; default every core (`navigator.hardwareConcurrency`) where threads are possible. */
  threads?: number;
  /**
   * Where to fetch the built files from: `kernels.wasm`, `kernels-unshared.wasm`,
   * `kernel-worker.js` (noisenet's `dist/browser/`). Default: the copies built into the bundle
   * (the package's `browser` entry, which bundlers use), else the folder of the bundle.
   */
  baseUrl?: URL | string;
  /** Size of the unshared memory (pages that are not cross-origin isolated), in MiB; default 256. */
  unsharedMemoryMiB?: number;
}

/** What {@link browserWasmPlatform} set up. */
export interface BrowserPlatformInfo {
  /** Threads the wasm backend uses by default, the calling thread included. */
  readonly threads: number;
  /** Whether the backend's memory is shared (the page is cross-origin isolated). */
  readonly sharedMemory: boolean;
  /** Why there is one thread, in a sentence, or null with several threads (or when one was asked for). */
  readonly singleThreadReason: string | null;
}

/**
 * The folder of the module that holds this code: the browser bundle's, once bundled. Read when
 * needed, and not written `new URL('./', import.meta.url)`, which bundlers such as Vite turn into
 * an asset of their own.
 */
function bundleDir(): URL {
  const here = import.meta.url;
  return new URL('./', here);
}

/** A platform of {@link browserWasmPlatform}, and `ready()`, which resolves once the replacement kernel workers have started. */
export interface BrowserWasmPlatform {
  readonly platform: WasmPlatform;
  readonly info: BrowserPlatformInfo;
  ready(): Promise<void>;
}

/**
 * Fetches the wasm kernels and, where possible, starts the kernel workers (see the module
 * comment). Never rejects for want of threads: it falls back to one thread and says why in
 * `singleThreadReason`.
 * @throws NoisenetError when the kernels cannot be fetched or WebAssembly SIMD is missing.
 */
export async function browserWasmPlatform(options: BrowserPlatformOptions = {}): Promise<BrowserWasmPlatform> {
  const embedded = options.baseUrl === undefined ? embeddedKernelFiles() : null;
  // Where to fetch the files from when they are not built in.
  const from = (name: string): URL => new URL(name, new URL('./', new URL(String(options.baseUrl ?? bundleDir()), bundleDir())));
  const mib = checkNumber('useBrowserPlatform', 'unsharedMemoryMiB', options.unsharedMemoryMiB ?? 256, { min: 1, max: 4095, integer: true });
  const shared = wasmUnsupportedReason() === null;
  if (!shared) {
    const reason = wasmUnsupportedReason({ shared: false });
    if (reason !== null) throw new NoisenetError(`wasm backend: ${reason}`);
  }
  const module = embedded
    ? await api().compile(fromBase64(shared ? embedded.kernels : embedded.unsharedKernels))
    : await fetchKernels(from(shared ? 'kernels.wasm' : 'kernels-unshared.wasm'));
  const cores = Math.max(1, web.navigator?.hardwareConcurrency ?? 1);
  const wanted = options.threads === undefined ? cores : checkNumber('useBrowserPlatform', 'threads', options.threads, { min: 1, integer: true });
  let reason = whyOneThread(shared, wanted, cores, options.threads !== undefined);
  let spares: WorkerSpares | null = null;
  if (reason === null) {
    spares = new WorkerSpares(embedded ? workerBlobUrl(embedded) : from('kernel-worker.js'));
    try {
      await spares.fill(wanted - 1);
    } catch (e) {
      spares = null;
      reason = `the kernel workers did not start (${(e as Error).message})`;
    }
  }
  const threads = spares ? wanted : 1;
  const platform: WasmPlatform = {
    kernels: () => module,
    defaultThreads: () => threads,
    ...(spares ? { threadPool: poolFactory(spares) } : {}),
    ...(shared ? {} : { unsharedPages: mib * 16 }),
  };
  const info: BrowserPlatformInfo = { threads, sharedMemory: shared, singleThreadReason: reason };
  return { platform, info, ready: () => (spares ? spares.fill(threads - 1) : Promise.resolve()) };
}

/** Why the backend gets one thread here, or null when it may have `wanted` > 1. */
function whyOneThread(shared: boolean, wanted: number, cores: number, asked: boolean): string | null {
  if (!shared) return 'the page is not cross-origin isolated, so it has no shared memory for threads (its server must send Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';
  if (web.document !== undefined) return "noisenet runs on the page's main thread, which may not wait for other threads; run it in a Web Worker to use threads";
  if (!web.Worker) return 'this runtime cannot start Web Workers from here';
  if (wanted === 1) return asked ? null : `the device reports ${cores} core`;
  return null;
}

/**
 * How long a kernel worker that has loaded may take to start on the memory: generous, since a
 * browser on a busy machine may leave a worker unscheduled for seconds.
 */
const START_TIMEOUT_MS = 30_000;

function poolFactory(spares: WorkerSpares): ThreadPoolFactory {
  return (count, module, mem, fns) => {
    const workers = spares.take(count);
    return new SharedPool(count, module, mem, fns, (init) => {
      const worker = workers[init.index - 1]!;
      worker.postMessage(init);
      return { terminate: () => worker.terminate() };
    }, START_TIMEOUT_MS);
  };
}

function fromBase64(text: string): Uint8Array {
  const binary = web.atob!(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let workerUrl: string | null = null;

/** A blob: URL of the built-in worker script, made once (every kernel worker starts from it). */
function workerBlobUrl(files: EmbeddedKernelFiles): string {
  if (workerUrl === null) {
    if (!web.Blob || !web.URL?.createObjectURL) throw new NoisenetError('wasm backend: this runtime cannot make a blob: URL for the kernel worker (pass baseUrl to load kernel-worker.js from a server)');
    workerUrl = web.URL.createObjectURL(new web.Blob([files.worker], { type: 'text/javascript' }));
  }
  return workerUrl;
}

/** What to do when a file is missing at `baseUrl`. */
const SERVE_ADVICE = "serve kernels.wasm, kernels-unshared.wasm and kernel-worker.js (noisenet's dist/browser/) from that folder or pass their folder as baseUrl; a page bundled from import 'noisenet' needs none of them (the package's browser entry has them inside)";

async function fetchKernels(url: URL): Promise<Module> {
  let response: { ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> };
  try {
    response = await fetch(url);
  } catch (e) {
    throw new NoisenetError(`wasm backend: cannot fetch ${url.href} (${(e as Error).message}); ${SERVE_ADVICE}`);
  }
  if (!response.ok) throw new NoisenetError(`wasm backend: cannot fetch ${url.href} (HTTP ${response.status}); ${SERVE_ADVICE}`);
  return api().compile(await response.arrayBuffer());
}
