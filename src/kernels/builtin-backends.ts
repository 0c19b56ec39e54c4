/**
 * The backends noisenet ships, as the registry's table of factories. This is the one file that
 * imports the backends; the backends never import the registry.
 */
import type { Backend } from './backend.js';
import type { BackendOptions } from './backend-options.js';
import { createRefBackend } from './ref/ref-backend.js';
import { createWasmBackend, wasmUnsupportedReason, type WasmPlatform } from './wasm/index.js';
import { NoisenetError } from '../errors.js';

/** What the runtime supplies to the built-in backends (the Node entry sets its own). */
export interface BackendPlatform {
  wasm: WasmPlatform;
}

/** A built-in backend. */
export interface BuiltInBackend {
  readonly name: string;
  /** Why it cannot run in this runtime on `platform`, or null (checked when first needed, then cached). */
  unsupportedReason(platform: BackendPlatform): string | null;
  create(options: BackendOptions, platform: BackendPlatform): Backend;
}

/** The support check for shared (key true) and unshared memory, each made once. */
const wasmReasons = new Map<boolean, string | null>();
const wasmSupport = (platform: BackendPlatform): string | null => {
  const shared = platform.wasm.unsharedPages === undefined;
  if (!wasmReasons.has(shared)) wasmReasons.set(shared, wasmUnsupportedReason({ shared }));
  return wasmReasons.get(shared)!;
};

/** The built-in backends; the default is the first of {@link DEFAULT_ORDER} that works. */
export const BUILT_IN_BACKENDS: readonly BuiltInBackend[] = [
  { name: 'ref', unsupportedReason: () => null, create: () => createRefBackend('float32') },
  { name: 'ref64', unsupportedReason: () => null, create: () => createRefBackend('float64') },
  {
    name: 'wasm',
    unsupportedReason: wasmSupport,
    create(options, platform) {
      const reason = wasmSupport(platform);
      if (reason !== null) throw new NoisenetError(`wasm backend: ${reason}`);
      return createWasmBackend(options, platform.wasm);
    },
  },
];

/** Which built-in backend is the default: wasm when it runs here, else the reference one. */
export const DEFAULT_ORDER: readonly string[] = ['wasm', 'ref'];
