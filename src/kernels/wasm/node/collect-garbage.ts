/**
 * A full garbage collection on demand, for the wasm backend to run before its memory grows:
 * V8 does not count a WebAssembly memory towards its collection schedule, so buffers of models
 * dropped without `dispose()` could otherwise wait for a collection long after the memory has
 * grown for the next model. Uses `global.gc` when Node runs with `--expose-gc`, else switches
 * the flag on and takes the function from a fresh context; where neither works, does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/** Runs a full garbage collection where the runtime allows it. */
export function collectGarbage(): void {
  if (gc === undefined) gc = findCollector();
  gc?.();
}

function findCollector(): (() => void) | null {
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return own as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const fn: unknown = runInNewContext('gc');
    return typeof fn === 'function' ? (fn as () => void) : null;
  } catch {
    return null;
  }
}
