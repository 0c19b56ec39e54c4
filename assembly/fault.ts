/** A deliberate trap, so tests can check that a failing thread makes the kernel call throw. */
export function trap(): void {
  unreachable();
}

/** Start of the memory free for buffers: past the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
