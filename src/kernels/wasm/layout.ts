/**
 * The shared-memory layout of the thread pool. One pool block: the job sequence number and
 * the count of finished chunks (each on its own cache line), two job descriptors used
 * alternately, then one chunk counter per thread (own cache lines). Then one slot per
 * worker: status, readiness, its scratch area and an error message.
 */

/** Int32 indexes in the pool block. */
export const SEQ = 0;
export const DONE = 16;
/** Byte offset and size of the two job descriptors. */
export const JOB_BYTE = 128;
export const JOB_BYTES = 128;
/** Int32 indexes in a job descriptor, then its Float64 arguments from byte 32. */
export const JOB_OP = 0;
export const JOB_TOTAL = 1;
export const JOB_STEP = 2;
export const JOB_CHUNKS = 3;
export const JOB_ARGS_BYTE = 32;
export const MAX_ARGS = 12;
/** Int32 index of thread t's chunk counter. */
export function counterIndex(t: number): number {
  return (JOB_BYTE + 2 * JOB_BYTES + 64 * t) / 4;
}
/** Bytes of the pool block for `threads` threads. */
export function poolBytes(threads: number): number {
  return JOB_BYTE + 2 * JOB_BYTES + 64 * threads;
}

/** A chunk counter holds `(seq tag << CHUNK_BITS) | next chunk`. */
export const CHUNK_BITS = 10;
export const MAX_CHUNKS = (1 << CHUNK_BITS) - 1;
export const TAG_MASK = (1 << (31 - CHUNK_BITS)) - 1;

/** First chunk of thread t's share of a job of `chunks` chunks on `threads` threads. */
export function shareStart(chunks: number, threads: number, t: number): number {
  return Math.floor((chunks * t) / threads);
}

/** Int32 indexes in a worker slot, and the UTF-16 message from byte 64. */
export const STATUS = 0;
export const READY = 1;
export const MSG_LEN = 2;
export const SCRATCH = 3;
export const SLOT_BYTES = 512;
const MSG_BYTE = 64;
const MSG_CHARS = (SLOT_BYTES - MSG_BYTE) / 2;

/** Values of STATUS. */
export const OK = 0;
export const FAILED = 1; // a chunk threw; the worker goes on
export const DEAD = 2; // the worker thread has ended

/** Views on the pool block. */
export interface PoolViews {
  readonly ctl: Int32Array;
  readonly f64: Float64Array;
  /** Threads taking part, the main thread included. */
  readonly threads: number;
}

/** Views on the pool block of `threads` threads at byte offset `at`. */
export function poolViews(buffer: ArrayBufferLike, at: number, threads: number): PoolViews {
  const bytes = poolBytes(threads);
  return { ctl: new Int32Array(buffer, at, bytes / 4), f64: new Float64Array(buffer, at, bytes / 8), threads };
}

/** Int32 index of job descriptor `seq & 1`. */
export function jobIndex(seq: number): number {
  return (JOB_BYTE + (seq & 1) * JOB_BYTES) / 4;
}

/** Views on a worker slot. */
export interface SlotViews {
  readonly ctl: Int32Array;
  readonly msg: Uint16Array;
}

/** Views on the worker slot at byte offset `at`. */
export function slotViews(buffer: ArrayBufferLike, at: number): SlotViews {
  return { ctl: new Int32Array(buffer, at, MSG_BYTE / 4), msg: new Uint16Array(buffer, at + MSG_BYTE, MSG_CHARS) };
}

/** Writes a message (cut to fit) into a slot. */
export function writeMessage(slot: SlotViews, text: string): void {
  const n = Math.min(text.length, MSG_CHARS);
  for (let i = 0; i < n; i++) slot.msg[i] = text.charCodeAt(i);
  Atomics.store(slot.ctl, MSG_LEN, n);
}

/** Reads the message of a slot. */
export function readMessage(slot: SlotViews): string {
  return String.fromCharCode(...slot.msg.subarray(0, Atomics.load(slot.ctl, MSG_LEN)));
}
