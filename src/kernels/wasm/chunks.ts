/**
 * The chunk loop every thread of a job runs, the main thread included. Each thread owns a
 * contiguous share of the chunks (so the same thread keeps touching the same data from one
 * kernel to the next, and it stays in that core's cache); it takes its own chunks first, then
 * steals what is left of the others' shares. Chunks are claimed by compare-and-swap on a
 * per-share counter that carries the job's sequence tag, so a thread that wakes late never
 * claims a chunk of a job it did not read, and a descheduled worker costs at most the chunk
 * it holds.
 */
import { SEQ, DONE, JOB_OP, JOB_TOTAL, JOB_STEP, JOB_CHUNKS, JOB_ARGS_BYTE, CHUNK_BITS, TAG_MASK, counterIndex, jobIndex, shareStart, type PoolViews } from './layout.js';

/** A chunked kernel: `(lo, hi, scratch, ...args)`. */
export type ChunkFn = (
  lo: number, hi: number, scratch: number,
  a0: number, a1: number, a2: number, a3: number, a4: number, a5: number, a6: number, a7: number, a8: number, a9: number, a10: number, a11: number,
) => unknown;

/** The tag part of the counters of job `seq`. */
export function counterTag(seq: number): number {
  return (seq & TAG_MASK) << CHUNK_BITS;
}

/**
 * Runs chunks of job `seq` as thread `me` until none is left. `onError` receives what a
 * chunk threw; the chunk still counts as done, so no thread waits for it forever.
 */
export function runChunks(pool: PoolViews, seq: number, me: number, fns: readonly ChunkFn[], scratch: number, onError: (e: unknown) => void): void {
  const { ctl, f64, threads } = pool;
  const j = jobIndex(seq);
  const a = (j * 4 + JOB_ARGS_BYTE) / 8;
  const fn = fns[ctl[j + JOB_OP]!]!;
  const total = ctl[j + JOB_TOTAL]!;
  const step = ctl[j + JOB_STEP]!;
  const chunks = ctl[j + JOB_CHUNKS]!;
  const a0 = f64[a]!, a1 = f64[a + 1]!, a2 = f64[a + 2]!, a3 = f64[a + 3]!, a4 = f64[a + 4]!;
  const a5 = f64[a + 5]!, a6 = f64[a + 6]!, a7 = f64[a + 7]!, a8 = f64[a + 8]!, a9 = f64[a + 9]!, a10 = f64[a + 10]!, a11 = f64[a + 11]!;
  const tag = counterTag(seq);
  // The descriptor was read intact only if the job is still the current one.
  if (Atomics.load(ctl, SEQ) !== seq) return;
  for (let k = 0; k < threads; k++) {
    const t = (me + k) % threads;
    const counter = counterIndex(t);
    const end = shareStart(chunks, threads, t + 1);
    for (;;) {
      const cur = Atomics.load(ctl, counter);
      if (cur >>> CHUNK_BITS !== tag >>> CHUNK_BITS) return; // a newer job
      const c = cur - tag;
      if (c >= end) break;
      if (Atomics.compareExchange(ctl, counter, cur, cur + 1) !== cur) continue;
      const lo = c * step;
      try {
        fn(lo, Math.min(total, lo + step), scratch, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);
      } catch (e) {
        onError(e);
      }
      if (Atomics.add(ctl, DONE, 1) + 1 === chunks) Atomics.notify(ctl, DONE);
    }
  }
}
