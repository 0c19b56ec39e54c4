import type { Backend, FloatArray } from './backend.js';

/**
 * Step buffers reused across steps: one per purpose and length, allocated by the backend on
 * first use. Looked up by purpose, then by length, so a step allocates nothing, not even a key.
 */
export class BufferPool {
  private readonly byKey = new Map<string, Map<number, FloatArray>>();

  constructor(private readonly backend: () => Backend) {}

  /** The buffer for `key` of `length` values. */
  get(key: string, length: number): FloatArray {
    let byLength = this.byKey.get(key);
    if (!byLength) this.byKey.set(key, (byLength = new Map()));
    let buf = byLength.get(length);
    if (!buf) byLength.set(length, (buf = this.backend().alloc(length)));
    return buf;
  }

  /** Gives every buffer back to the backend (where it frees buffers) and forgets them. */
  release(): void {
    const backend = this.backend();
    for (const byLength of this.byKey.values()) for (const buf of byLength.values()) backend.free?.(buf);
    this.byKey.clear();
  }
}
