/**
 * Backends registered by name. The default is the fastest one that works on this machine;
 * `setBackend` chooses one explicitly.
 */
import type { Backend } from './backend.js';
import { createRefBackend } from './ref/ref-backend.js';
import { createWasmBackend, wasmUnsupportedReason } from './wasm/index.js';
import { NoisenetError, invalid } from '../errors.js';

/** Options a backend factory understands. */
export interface BackendOptions {
  /** Worker threads for backends that use them; 1 means none spawned. */
  threads?: number;
}

type Factory = (options: BackendOptions) => Backend;

const factories = new Map<string, Factory>([
  ['ref', () => createRefBackend('float32')],
  ['ref64', () => createRefBackend('float64')],
]);
const preference: string[] = ['ref'];
let current: Backend | undefined;
let defaultOptions: BackendOptions = {};

const wasmReason = wasmUnsupportedReason();
let notice: string | null = wasmReason === null ? null : `noisenet: ${wasmReason}; using the slower reference backend`;
registerBackend(
  'wasm',
  (options) => {
    if (wasmReason !== null) throw new NoisenetError(`wasm backend: ${wasmReason}`);
    return createWasmBackend(options);
  },
  wasmReason === null,
);

/**
 * A one-line notice for the user when the default backend is not the fast one (no
 * WebAssembly SIMD or threads here, or the wasm backend failed to start), else null.
 */
export function backendNotice(): string | null {
  return notice;
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
  const factory = factories.get(name);
  if (!factory) throw invalid('createBackend', 'name', `one of ${backendNames().join(', ')}`, name);
  return factory(options);
}

/** Makes `name` the backend new models use. */
export function setBackend(name: string, options: BackendOptions = {}): Backend {
  const next = createBackend(name, options);
  current?.dispose();
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
  defaultOptions = { ...options };
  current?.dispose();
  current = undefined;
}

/** The backend new models use, created on first use. */
export function getBackend(): Backend {
  if (!current) {
    let lastError: unknown;
    for (const name of preference) {
      try {
        current = createBackend(name, defaultOptions);
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
