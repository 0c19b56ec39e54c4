/**
 * The shared-memory layout of the thread pool. One pool block: the job sequence number, the
 * chunk counter and the count of finished chunks (each on its own cache line), then two job
 * descriptors used alternately. Then one slot per worker: status, readiness, its scratch
 * area and an error message.
 */

/** Int32 indexes in the pool block. */
export const SEQ = 0;
export const COUNTER = 16;
export const DONE = 32;
/** Byte offset and size of the two job descriptors. */
export const JOB_BYTE = 192;
export const JOB_BYTES = 128;
/** Int32 indexes in a job descriptor, then its Float64 arguments from byte 16. */
export const JOB_OP = 0;
export const JOB_TOTAL = 1;
export const JOB_STEP = 2;
export const JOB_CHUNKS = 3;
export const JOB_ARGS_BYTE = 16;
export const MAX_ARGS = 9;
export const POOL_BYTES = JOB_BYTE + 2 * JOB_BYTES;

/** The chunk counter holds `(seq tag << CHUNK_BITS) | next chunk`. */
export const CHUNK_BITS = 10;
export const MAX_CHUNKS = (1 << CHUNK_BITS) - 1;
export const TAG_MASK = (1 << (31 - CHUNK_BITS)) - 1;

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
}

/** Views on the pool block at byte offset `at`. */
export function poolViews(buffer: ArrayBufferLike, at: number): PoolViews {
  return { ctl: new Int32Array(buffer, at, POOL_BYTES / 4), f64: new Float64Array(buffer, at, POOL_BYTES / 8) };
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
