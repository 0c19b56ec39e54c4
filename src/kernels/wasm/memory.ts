/**
 * The one WebAssembly.Memory of a wasm backend and its bump allocator. Buffers are Float32Array
 * views on it; they are never freed (layers allocate once per batch size). The memory is shared,
 * so that worker threads can use it and so that earlier views stay valid when it grows (a shared
 * memory's buffer is never detached). Where shared memory is not available (a page that is not
 * cross-origin isolated) it is an unshared memory of a fixed size: growing an unshared memory
 * would detach every view, so it never grows.
 */
import type { FloatArray } from '../backend.js';
import { NoisenetError, ShapeError } from '../../errors.js';
import { api, type Memory } from './wasm-api.js';

const PAGE = 65536;
/** Declared maximum: the whole 32-bit address space (a shared memory must declare one). */
export const MAX_PAGES = 65536;
const INITIAL_PAGES = 64;
/** Every allocation starts on a cache line. */
const ALIGN = 64;

export class WasmMemory {
  readonly memory: Memory;
  private top: number;
  /**
   * Every view this allocator made. (Buffer identity cannot tell ours: V8 gives a shared
   * memory a new SharedArrayBuffer object on every thread after a grow.)
   */
  private readonly views = new WeakSet<ArrayBufferView>();

  /** Whether the memory is shared (else it is fixed at its initial size). */
  readonly shared: boolean;

  /** A shared, growable memory; or, given `unsharedPages`, an unshared one of exactly that many 64 KiB pages. */
  constructor(unsharedPages?: number) {
    this.shared = unsharedPages === undefined;
    const pages = unsharedPages ?? INITIAL_PAGES;
    this.memory = new (api().Memory)({ initial: pages, maximum: this.shared ? MAX_PAGES : pages, shared: this.shared });
    this.top = ALIGN;
  }

  /** Keeps the allocator past `base`, the end of the module's static data. */
  reserveStatic(base: number): void {
    this.top = Math.max(this.top, align(base));
  }

  /** Reserves `bytes` zeroed bytes and returns their offset. */
  allocBytes(bytes: number): number {
    const at = this.top;
    const end = align(at + Math.max(bytes, 0));
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      if (!this.shared) throw new NoisenetError(`wasm backend: out of memory allocating ${bytes} bytes (the unshared memory is fixed at ${(have / 2 ** 20).toFixed(0)} MiB; shared memory, in a cross-origin isolated page, grows)`);
      const pages = Math.max(Math.ceil((end - have) / PAGE), Math.ceil(have / PAGE / 8));
      try {
        this.memory.grow(pages);
      } catch {
        throw new NoisenetError(`wasm backend: out of memory allocating ${bytes} bytes (${(have / 2 ** 20).toFixed(0)} MiB in use)`);
      }
    }
    this.top = end;
    return at;
  }

  /** A zeroed Float32Array of `n` elements. */
  floats(n: number): Float32Array {
    const at = this.allocBytes(n * 4);
    const view = new Float32Array(this.memory.buffer, at, n);
    this.views.add(view);
    return view;
  }

  /** An Int32Array of `n` elements. */
  ints(n: number): Int32Array {
    const at = this.allocBytes(n * 4);
    const view = new Int32Array(this.memory.buffer, at, n);
    this.views.add(view);
    return view;
  }

  /** Whether `view` was allocated here. */
  owns(view: ArrayBufferView): boolean {
    return this.views.has(view);
  }

  /**
   * The byte offset of a buffer this backend allocated, after checking it is ours and holds
   * at least `count` elements.
   */
  ptr(view: FloatArray, count: number, what: string): number {
    if (!(view instanceof Float32Array) || !this.views.has(view)) {
      throw new NoisenetError(`wasm backend: ${what} must be a buffer allocated by this backend (backend.alloc)`);
    }
    if (view.length < count) throw new ShapeError(`wasm backend: ${what} holds ${view.length} values, the call needs ${count}`);
    return view.byteOffset;
  }

  /** Bytes reserved so far, the static area included. */
  get used(): number {
    return this.top;
  }
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
