/**
 * The chunk loop every thread of a job runs, the main thread included: claim the next chunk
 * with a compare-and-swap on the shared counter, run it, count it done. The counter carries
 * the job's sequence tag, so a thread that wakes late can never claim a chunk of a job it
 * did not read. A descheduled worker thus costs at most the chunk it holds: the others take
 * the rest.
 */
import { SEQ, COUNTER, DONE, JOB_OP, JOB_TOTAL, JOB_STEP, JOB_CHUNKS, JOB_ARGS_BYTE, CHUNK_BITS, TAG_MASK, jobIndex, type PoolViews } from './layout.js';

/** A chunked kernel: `(lo, hi, scratch, ...args)`. */
export type ChunkFn = (lo: number, hi: number, scratch: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number, a6: number, a7: number, a8: number) => unknown;

/** The counter value that starts job `seq`. */
export function counterStart(seq: number): number {
  return (seq & TAG_MASK) << CHUNK_BITS;
}

/**
 * Runs chunks of job `seq` until none is left. `onError` receives what a chunk threw; the
 * chunk still counts as done, so no thread waits for it forever.
 */
export function runChunks(pool: PoolViews, seq: number, fns: readonly ChunkFn[], scratch: number, onError: (e: unknown) => void): void {
  const { ctl, f64 } = pool;
  const j = jobIndex(seq);
  const a = (j * 4 + JOB_ARGS_BYTE) / 8;
  const fn = fns[ctl[j + JOB_OP]!]!;
  const total = ctl[j + JOB_TOTAL]!;
  const step = ctl[j + JOB_STEP]!;
  const chunks = ctl[j + JOB_CHUNKS]!;
  const a0 = f64[a]!, a1 = f64[a + 1]!, a2 = f64[a + 2]!, a3 = f64[a + 3]!, a4 = f64[a + 4]!;
  const a5 = f64[a + 5]!, a6 = f64[a + 6]!, a7 = f64[a + 7]!, a8 = f64[a + 8]!;
  const tag = counterStart(seq);
  // The descriptor is only valid while the counter carries this job's tag.
  if (Atomics.load(ctl, SEQ) !== seq) return;
  for (;;) {
    const cur = Atomics.load(ctl, COUNTER);
    if (cur >>> CHUNK_BITS !== tag >>> CHUNK_BITS) return;
    const c = cur - tag;
    if (c >= chunks) return;
    if (Atomics.compareExchange(ctl, COUNTER, cur, cur + 1) !== cur) continue;
    const lo = c * step;
    try {
      fn(lo, Math.min(total, lo + step), scratch, a0, a1, a2, a3, a4, a5, a6, a7, a8);
    } catch (e) {
      onError(e);
    }
    if (Atomics.add(ctl, DONE, 1) + 1 === chunks) Atomics.notify(ctl, DONE);
  }
}
