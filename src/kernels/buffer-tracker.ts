/**
 * A backend seen through an owner that records every buffer allocated through it, so that the
 * owner (a model) gives them all back at once. Every other member is the backend's own, called
 * on the backend itself.
 */
import type { Backend, FloatArray } from './backend.js';

export interface BufferTracker {
  /** The backend to allocate through: `alloc`, `allocIndices` and `free` recorded. */
  readonly backend: Backend;
  /** Buffers allocated through it and not freed yet. */
  readonly live: number;
  /** Frees every buffer allocated through it (where the backend frees buffers) and forgets them. */
  release(): void;
}

/** A tracker of the buffers allocated through `backend`. */
export function trackBuffers(backend: Backend): BufferTracker {
  const owned = new Set<FloatArray | Int32Array>();
  const own: Partial<Backend> = {
    alloc(n) {
      const b = backend.alloc(n);
      owned.add(b);
      return b;
    },
    allocIndices(n) {
      const b = backend.allocIndices(n);
      owned.add(b);
      return b;
    },
    free(buffer) {
      owned.delete(buffer);
      backend.free?.(buffer);
    },
  };
  // Methods of the backend bound to it once, so a class backend's private fields keep working.
  const bound = new Map<PropertyKey, unknown>();
  const view = new Proxy(backend, {
    get(target, key) {
      if (Object.hasOwn(own, key)) return own[key as keyof Backend];
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      let fn = bound.get(key);
      if (fn === undefined) bound.set(key, (fn = (value as (...args: unknown[]) => unknown).bind(target)));
      return fn;
    },
  });
  return {
    backend: view,
    get live() {
      return owned.size;
    },
    release() {
      if (backend.free) for (const b of owned) backend.free(b);
      owned.clear();
    },
  };
}
