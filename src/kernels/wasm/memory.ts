/**
 * The one WebAssembly.Memory of a wasm backend and its allocator. Buffers are Float32Array
 * views on it. A buffer is given back by `free` (a model's `dispose()`), or, for a view the
 * garbage collector took (a model dropped without `dispose()`), when the memory would have to
 * grow: before growing, the allocator looks for such views (weak references) and reuses their
 * blocks. A block given back goes to a free list, whose neighbouring blocks merge, and later
 * allocations reuse it, zeroed again. A WebAssembly memory never shrinks, so what this keeps
 * flat is its size: a run that follows a disposed one of the same model takes the same
 * blocks. The memory is shared,
 * so that worker threads can use it and so that earlier views stay valid when it grows (a shared
 * memory's buffer is never detached). Where shared memory is not available (a page that is not
 * cross-origin isolated) it is an unshared memory of a fixed size: growing an unshared memory
 * would detach every view, so it never grows.
 */
import type { FloatArray } from '../backend.js';
import { NoisenetError, OutOfMemoryError, ShapeError } from '../../errors.js';
import { FreeList } from './free-list.js';
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
  /** The block of every live view, by view. */
  private readonly blocks = new WeakMap<ArrayBufferView, Block>();
  /** Views given back by `free`, to name the mistake when one is used again. */
  private readonly freed = new WeakSet<ArrayBufferView>();
  /** Blocks given back, reused before the top moves. */
  private readonly free = new FreeList();
  /** Every block handed out as a view, with a weak reference to its view (compacted as blocks go). */
  private tracked: Block[] = [];
  /** Blocks in `tracked` still in use. */
  private live = 0;
  /** Whether `reclaim` ran in this turn of the event loop. */
  private reclaimedThisTurn = false;
  /** The highest end of a block handed out so far: above it the memory was never written. */
  private dirtyEnd = 0;

  /** Whether the memory is shared (else it is fixed at its initial size). */
  readonly shared: boolean;

  /**
   * A shared, growable memory; or, given `unsharedPages`, an unshared one of exactly that many
   * 64 KiB pages. `collectGarbage`, where the runtime offers one, runs a full garbage collection
   * before the memory grows, so that views nobody holds any more are found and reused first.
   */
  constructor(unsharedPages?: number, private readonly collectGarbage?: () => void) {
    this.shared = unsharedPages === undefined;
    const pages = unsharedPages ?? INITIAL_PAGES;
    this.memory = new (api().Memory)({ initial: pages, maximum: this.shared ? MAX_PAGES : pages, shared: this.shared });
    this.top = ALIGN;
  }

  /** Keeps the allocator past `base`, the end of the module's static data. */
  reserveStatic(base: number): void {
    this.top = Math.max(this.top, align(base));
  }

  /**
   * Reserves `bytes` zeroed bytes for good (the kernels' scratch and work areas) and returns
   * their offset.
   * @throws OutOfMemoryError when the memory cannot grow to hold them.
   */
  allocBytes(bytes: number): number {
    return this.take(align(Math.max(bytes, 0)), bytes);
  }

  /** A block of `size` bytes (aligned) from the free list, else from the top; zeroed. */
  private take(size: number, asked: number): number {
    let reused = this.free.take(size);
    if (reused === null && this.top + size > this.memory.buffer.byteLength && this.reclaim() > 0) reused = this.free.take(size);
    if (reused !== null) {
      new Uint8Array(this.memory.buffer, reused, size).fill(0);
      return reused;
    }
    const at = this.top;
    const end = at + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const inUse = `${((this.top - this.free.bytes) / 2 ** 20).toFixed(0)} MiB in use`;
      if (!this.shared) throw new OutOfMemoryError(`wasm backend: out of memory allocating ${asked} bytes (the unshared memory is fixed at ${(have / 2 ** 20).toFixed(0)} MiB; shared memory, in a cross-origin isolated page, grows)`);
      const pages = Math.max(Math.ceil((end - have) / PAGE), Math.ceil(have / PAGE / 8));
      try {
        this.memory.grow(Math.min(pages, MAX_PAGES - have / PAGE));
      } catch {
        throw new OutOfMemoryError(`wasm backend: out of memory allocating ${asked} bytes (${inUse}, ${(have / 2 ** 20).toFixed(0)} MiB reserved)`);
      }
      if (end > this.memory.buffer.byteLength) throw new OutOfMemoryError(`wasm backend: out of memory allocating ${asked} bytes (${inUse}, ${(have / 2 ** 20).toFixed(0)} MiB reserved)`);
    }
    // Below the highest end ever handed out, the bytes may hold what a freed block left.
    if (at < this.dirtyEnd) new Uint8Array(this.memory.buffer, at, Math.min(end, this.dirtyEnd) - at).fill(0);
    this.top = end;
    this.dirtyEnd = Math.max(this.dirtyEnd, end);
    return at;
  }

  /** A zeroed Float32Array of `n` elements, given back by `free` or when it becomes unreachable. */
  floats(n: number): Float32Array {
    const at = this.take(align(n * 4), n * 4); // before reading the buffer, which a grow replaces
    return this.track(new Float32Array(this.memory.buffer, at, n));
  }

  /** A zeroed Int32Array of `n` elements, given back by `free` or when it becomes unreachable. */
  ints(n: number): Int32Array {
    const at = this.take(align(n * 4), n * 4);
    return this.track(new Int32Array(this.memory.buffer, at, n));
  }

  private track<T extends Float32Array | Int32Array>(view: T): T {
    const block: Block = { at: view.byteOffset, size: align(view.byteLength), view: typeof WeakRef === 'function' ? new WeakRef(view) : null, gone: false };
    this.views.add(view);
    this.blocks.set(view, block);
    this.tracked.push(block);
    this.live++;
    return view;
  }

  /**
   * Gives back the block of a view from `floats` or `ints`; the view must not be used again
   * (the kernels refuse it). A view that is not live here (freed before, or not ours) is ignored.
   */
  freeView(view: ArrayBufferView): void {
    const block = this.blocks.get(view);
    if (!block || block.gone) return;
    this.blocks.delete(view);
    this.views.delete(view);
    this.freed.add(view);
    this.release(block);
    if (this.tracked.length > 1024 && this.tracked.length > 2 * this.live) this.tracked = this.tracked.filter((b) => !b.gone);
  }

  /**
   * Gives back the blocks whose views the garbage collector took (models dropped without
   * `dispose()`), after a full collection where the runtime offers one; returns their count.
   * Runs when the memory would otherwise grow, at most once per turn of the event loop.
   */
  reclaim(): number {
    // A view created or looked at in this turn of the event loop stays alive until the turn
    // ends (WeakRef semantics), so a second look in the same turn finds nothing new.
    if (this.reclaimedThisTurn) return 0;
    this.reclaimedThisTurn = true;
    setTimeout(() => (this.reclaimedThisTurn = false), 0);
    this.collectGarbage?.();
    const kept: Block[] = [];
    let found = 0;
    for (const b of this.tracked) {
      if (b.gone) continue;
      if (b.view !== null && b.view.deref() === undefined) {
        this.release(b);
        found++;
      } else kept.push(b);
    }
    this.tracked = kept;
    return found;
  }

  private release(block: Block): void {
    block.gone = true;
    this.live--;
    this.free.give(block.at, block.size);
    // A free block that ends at the top gives its bytes back to the top.
    const last = this.free.endingAt(this.top);
    if (last !== null) this.top = last;
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
    if (view instanceof Float32Array && this.freed.has(view)) throw new NoisenetError(`wasm backend: ${what} was freed (its model was disposed); build or load a new model`);
    if (!(view instanceof Float32Array) || !this.views.has(view)) {
      throw new NoisenetError(`wasm backend: ${what} must be a buffer allocated by this backend (backend.alloc)`);
    }
    if (view.length < count) throw new ShapeError(`wasm backend: ${what} holds ${view.length} values, the call needs ${count}`);
    return view.byteOffset;
  }

  /** Bytes up to the highest block in use, the static area included. */
  get used(): number {
    return this.top;
  }

  /** Bytes in the free list below the top: given back, waiting for reuse. */
  get freeBytes(): number {
    return this.free.bytes;
  }
}

interface Block {
  readonly at: number;
  readonly size: number;
  /** The view it was handed out as, held weakly (null where WeakRef is missing: then only `free` gives it back). */
  readonly view: WeakRef<ArrayBufferView> | null;
  /** Given back. */
  gone: boolean;
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
