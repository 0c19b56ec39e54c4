/**
 * Backends registered by name. The default is the fastest one that works on this machine;
 * `setBackend` chooses one explicitly.
 */
import type { Backend } from './backend.js';
import { createRefBackend } from './ref/ref-backend.js';
import { invalid } from '../errors.js';

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

/** The backend new models use, created on first use. */
export function getBackend(): Backend {
  if (!current) {
    let lastError: unknown;
    for (const name of preference) {
      try {
        current = createBackend(name);
        break;
      } catch (e) {
        lastError = e;
      }
    }
    if (!current) throw lastError;
  }
  return current;
}
