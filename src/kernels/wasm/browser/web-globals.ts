/**
 * The few web platform APIs the browser adapters of the wasm backend use, typed locally (the
 * project's TypeScript libs are ES2022 and Node's, without the DOM), read from `globalThis` so
 * that nothing fails where they are missing.
 */

/** A dedicated Web Worker, as the thread pool uses it. */
export interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void;
  removeEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void;
}

/** The globals of a page or a worker that the browser platform reads. */
export interface WebGlobals {
  Worker?: new (url: string | URL, options?: { type?: 'module' | 'classic'; name?: string }) => WebWorker;
  /** True when the page (or the page that started this worker) is cross-origin isolated: shared memory is allowed. */
  crossOriginIsolated?: boolean;
  /** Present on a page's main thread only. */
  document?: unknown;
  navigator?: { hardwareConcurrency?: number };
  atob?: (base64: string) => string;
  Blob?: new (parts: string[], options?: { type?: string }) => object;
  URL?: { createObjectURL?(blob: object): string };
}

/** This runtime's globals. */
export const web = globalThis as unknown as WebGlobals;
