/**
 * The layout of a worker's control slot in shared memory: the sequence numbers that
 * synchronise main thread and worker, the operation and its arguments, and an error message.
 */

/** Bytes per slot: whole cache lines, so two threads never write the same line. */
export const SLOT_BYTES = 512;

/** Int32 indexes in a slot. */
export const SEQ = 0; // bumped by the main thread to start a job
export const DONE = 1; // set to SEQ by the worker when the job is finished
export const OP_INDEX = 2;
export const STATUS = 3;
export const READY = 4;
export const MSG_LEN = 5;

/** Values of STATUS. */
export const OK = 0;
export const FAILED = 1; // the last job threw; the worker goes on
export const DEAD = 2; // the worker thread has ended

/** Byte offset of the Float64 arguments, and of the UTF-16 message, in a slot. */
export const ARGS_BYTE = 64;
export const MSG_BYTE = 256;
export const MSG_CHARS = (SLOT_BYTES - MSG_BYTE) / 2;

/** Views on one slot. */
export interface SlotViews {
  readonly ctl: Int32Array;
  readonly args: Float64Array;
  readonly msg: Uint16Array;
}

/** Views on the slot at byte offset `at` of `buffer`. */
export function slotViews(buffer: ArrayBufferLike, at: number): SlotViews {
  return {
    ctl: new Int32Array(buffer, at, ARGS_BYTE / 4),
    args: new Float64Array(buffer, at + ARGS_BYTE, (MSG_BYTE - ARGS_BYTE) / 8),
    msg: new Uint16Array(buffer, at + MSG_BYTE, MSG_CHARS),
  };
}

/** Writes a message (cut to fit) into a slot. */
export function writeMessage(slot: SlotViews, text: string): void {
  const n = Math.min(text.length, MSG_CHARS);
  for (let i = 0; i < n; i++) slot.msg[i] = text.charCodeAt(i);
  Atomics.store(slot.ctl, MSG_LEN, n);
}

/** Reads the message of a slot. */
export function readMessage(slot: SlotViews): string {
  const n = Atomics.load(slot.ctl, MSG_LEN);
  return String.fromCharCode(...slot.msg.subarray(0, n));
}
