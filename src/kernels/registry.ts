/**
 * Backends registered by name. The default is the fastest one that works in this runtime;
 * `setBackend` chooses one explicitly. Importing this module does nothing: the runtime's
 * support for the wasm backend is checked, and the default backend created, the first time
 * one is needed (`getBackend()`, `createBackend()`).
 */
import type { Backend } from './backend.js';
import type { BackendOptions } from './backend-options.js';
import { BUILT_IN_BACKENDS, DEFAULT_ORDER, type BackendPlatform } from './builtin-backends.js';
import { defaultWasmPlatform, type WasmPlatform } from './wasm/index.js';
import { invalid } from '../errors.js';
import { checkBackendOptions } from './backend-options.js';

export type { BackendOptions } from './backend-options.js';

type Factory = (options: BackendOptions) => Backend;

const platform: BackendPlatform = { wasm: defaultWasmPlatform };
const builtIn = new Map<Factory, (typeof BUILT_IN_BACKENDS)[number]>();
const factories = new Map<string, Factory>();
for (const b of BUILT_IN_BACKENDS) {
  const factory: Factory = (options) => b.create(options, platform);
  builtIn.set(factory, b);
  factories.set(b.name, factory);
}
const preference: string[] = [...DEFAULT_ORDER];
let current: Backend | undefined;
let defaultOptions: BackendOptions = {};
let notice: string | null = null;

/**
 * A one-line notice for the user when the default backend is not the fast one (no
 * WebAssembly SIMD or shared memory here, or the wasm backend failed to start), else null.
 * Known once the default backend exists (after `getBackend()`, e.g. once a model is built).
 */
export function backendNotice(): string | null {
  return notice;
}

/**
 * Sets what the wasm backend gets from the runtime: its compiled kernels and, optionally, a
 * pool of worker threads (the Node entry sets a worker_threads pool and reads the kernels from
 * the package). Backends created afterwards use it.
 */
export function setWasmPlatform(wasm: WasmPlatform): void {
  platform.wasm = wasm;
}

/** Registers a backend factory; `preferred` puts it ahead of the others as the default. */
export function registerBackend(name: string, factory: Factory, preferred = false): void {
  factories.set(name, factory);
  if (preferred) preference.unshift(name);
}

/** Names of the registered backends. */
export function backendNames(): string[] {
  return [...factories.keys()];
}

/** Creates a new backend instance by name (the caller disposes it). */
export function createBackend(name: string, options: BackendOptions = {}): Backend {
  return create('createBackend', name, options);
}

function create(where: string, name: string, options: BackendOptions): Backend {
  checkBackendOptions(where, options);
  const factory = factories.get(name);
  if (!factory) throw invalid('createBackend', 'name', `one of ${backendNames().join(', ')}`, name);
  return factory(options);
}

/**
 * Makes `name` the backend new models use; or `backend`, a backend already made (the webgpu
 * backend, whose creation is asynchronous: `chooseBackend`'s). The one replaced is disposed.
 * `notice` is what {@link backendNotice} says from then on.
 */
export function setBackend(name: string, options?: BackendOptions): Backend;
export function setBackend(backend: Backend, options?: { notice?: string | null }): Backend;
export function setBackend(what: string | Backend, options: BackendOptions | { notice?: string | null } = {}): Backend {
  let next: Backend;
  if (typeof what === 'string') next = create('setBackend', what, options as BackendOptions);
  else {
    if (typeof what !== 'object' || what === null || typeof what.alloc !== 'function') throw invalid('setBackend', 'backend', 'a backend name or a backend', what);
    next = what;
    notice = (options as { notice?: string | null }).notice ?? null;
  }
  if (next !== current) current?.dispose();
  current = next;
  return next;
}

/**
 * Sets the options of the default backend, e.g. `configureBackend({ threads: 1 })`: the next
 * model built without an explicit backend gets a default backend created with them. Call it
 * before building models; models already built keep working only if they were given their own
 * backend.
 */
export function configureBackend(options: BackendOptions): void {
  checkBackendOptions('configureBackend', options);
  defaultOptions = { ...options };
  current?.dispose();
  current = undefined;
}

/** The backend new models use, created on first use. */
export function getBackend(): Backend {
  if (!current) {
    let lastError: unknown;
    for (const name of preference) {
      const factory = factories.get(name);
      if (!factory) continue;
      const reason = builtIn.get(factory)?.unsupportedReason(platform) ?? null;
      if (reason !== null) {
        notice = `noisenet: ${reason}; using the slower reference backend`;
        continue;
      }
      try {
        current = factory(defaultOptions);
        break;
      } catch (e) {
        lastError = e;
        if (name === 'wasm') notice = `noisenet: the wasm backend did not start (${(e as Error).message}); using the slower reference backend`;
      }
    }
    if (!current) throw lastError;
  }
  return current;
}
