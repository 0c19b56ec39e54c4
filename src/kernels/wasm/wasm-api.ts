/**
 * The part of the WebAssembly JavaScript API the backend uses, typed locally: the project's
 * TypeScript libs (ES2022 + @types/node 20) do not declare the WebAssembly namespace.
 */

/** A WebAssembly.Memory. */
export interface Memory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

/** A compiled WebAssembly.Module (opaque; can be sent to workers). */
export interface Module {
  readonly __brand?: 'WebAssembly.Module';
}

interface Api {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => Memory;
  Module: new (bytes: Uint8Array) => Module;
  Instance: new (module: Module, imports: object) => { readonly exports: object };
  validate(bytes: Uint8Array): boolean;
  compile(bytes: ArrayBuffer | Uint8Array): Promise<Module>;
}

/** The runtime's WebAssembly object, or undefined where there is none. */
export const wasmApi: Api | undefined = (globalThis as unknown as { WebAssembly?: Api }).WebAssembly;

/** The WebAssembly object; throws where there is none. */
export function api(): Api {
  if (!wasmApi) throw new Error('WebAssembly is not available in this runtime');
  return wasmApi;
}
