/**
 * Kernel workers started ahead of time. A browser starts a worker asynchronously (it fetches
 * and evaluates the script on its own schedule), while the wasm backend's thread pool is created
 * synchronously and then waits with Atomics for each worker to be ready; so the workers are
 * started and awaited first, and a pool takes ready ones. After a pool takes some, as many new
 * ones are started in the background for the next backend.
 */
import { NoisenetError } from '../../../errors.js';
import { web, type WebWorker } from './web-globals.js';

/** What a kernel worker posts once its script has loaded. */
export const LOADED = 'noisenet-kernel-worker-loaded';
const LOAD_TIMEOUT_MS = 20_000;

export class WorkerSpares {
  private readonly ready: WebWorker[] = [];
  private pending: Promise<void> = Promise.resolve();
  private wanted = 0;

  constructor(private readonly url: URL | string) {}

  /** Workers ready to be taken. */
  get count(): number {
    return this.ready.length;
  }

  /** Keeps `n` workers ready: starts the missing ones and resolves once all are loaded. */
  fill(n: number): Promise<void> {
    this.wanted = n;
    this.pending = this.pending.then(async () => {
      const missing = this.wanted - this.ready.length;
      if (missing > 0) this.ready.push(...(await Promise.all(Array.from({ length: missing }, () => this.start()))));
    });
    return this.pending;
  }

  /**
   * Takes `n` ready workers and starts as many again in the background.
   * @throws NoisenetError when fewer are ready (await `fill` first).
   */
  take(n: number): WebWorker[] {
    if (this.ready.length < n) {
      throw new NoisenetError(`wasm backend: ${n} kernel workers needed, ${this.ready.length} ready (await useBrowserPlatform() before creating each backend with threads)`);
    }
    const taken = this.ready.splice(0, n);
    void this.fill(this.wanted).catch(() => undefined); // a later fill reports the failure
    return taken;
  }

  private start(): Promise<WebWorker> {
    const Worker = web.Worker;
    if (!Worker) return Promise.reject(new NoisenetError('wasm backend: this runtime cannot start Web Workers'));
    const worker = new Worker(this.url, { type: 'module', name: 'noisenet kernels' });
    return new Promise<WebWorker>((resolve, reject) => {
      const done = (error: string | null): void => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        if (error === null) resolve(worker);
        else {
          worker.terminate();
          reject(new NoisenetError(`wasm backend: the kernel worker ${String(this.url)} ${error}`));
        }
      };
      const onMessage = (e: { data?: unknown }): void => void (e.data === LOADED && done(null));
      const onError = (e: { message?: string }): void => done(`did not load${e.message ? ` (${e.message})` : ''}`);
      const timer = setTimeout(() => done(`did not load within ${LOAD_TIMEOUT_MS / 1000} s`), LOAD_TIMEOUT_MS);
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
    });
  }
}
