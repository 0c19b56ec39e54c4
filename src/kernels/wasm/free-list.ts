/**
 * The blocks of a wasm memory that were given back, kept sorted by address with neighbours
 * merged, so that a run of freed buffers becomes one block a larger buffer fits in. `take`
 * picks the smallest block that fits (a model rebuilt with the same shapes takes back exactly
 * the blocks it gave) and splits off the rest.
 */
export class FreeList {
  /** Start addresses, ascending; `sizes[i]` is the size of the block at `starts[i]`. */
  private readonly starts: number[] = [];
  private readonly sizes: number[] = [];
  /** Bytes held in all blocks. */
  bytes = 0;

  /** Blocks held. */
  get count(): number {
    return this.starts.length;
  }

  /** The address of a block of `size` bytes taken from the list, or null when none fits. */
  take(size: number): number | null {
    let best = -1;
    for (let i = 0; i < this.sizes.length; i++) {
      const s = this.sizes[i]!;
      if (s >= size && (best < 0 || s < this.sizes[best]!)) {
        best = i;
        if (s === size) break;
      }
    }
    if (best < 0) return null;
    const at = this.starts[best]!;
    const rest = this.sizes[best]! - size;
    if (rest > 0) {
      this.starts[best] = at + size;
      this.sizes[best] = rest;
    } else {
      this.starts.splice(best, 1);
      this.sizes.splice(best, 1);
    }
    this.bytes -= size;
    return at;
  }

  /** Adds the block `[at, at + size)`, merged with the blocks it touches. */
  give(at: number, size: number): void {
    if (size <= 0) return;
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    this.bytes += size;
    const prev = lo - 1;
    if (prev >= 0 && this.starts[prev]! + this.sizes[prev]! === at) {
      this.sizes[prev]! += size;
      if (lo < this.starts.length && at + size === this.starts[lo]) {
        this.sizes[prev]! += this.sizes[lo]!;
        this.starts.splice(lo, 1);
        this.sizes.splice(lo, 1);
      }
      return;
    }
    if (lo < this.starts.length && at + size === this.starts[lo]) {
      this.starts[lo] = at;
      this.sizes[lo]! += size;
      return;
    }
    this.starts.splice(lo, 0, at);
    this.sizes.splice(lo, 0, size);
  }

  /** Removes the block that ends at `end`, if it is the last one, and returns its start; else null. */
  endingAt(end: number): number | null {
    const i = this.starts.length - 1;
    if (i < 0 || this.starts[i]! + this.sizes[i]! !== end) return null;
    const at = this.starts[i]!;
    this.bytes -= this.sizes[i]!;
    this.starts.pop();
    this.sizes.pop();
    return at;
  }
}
