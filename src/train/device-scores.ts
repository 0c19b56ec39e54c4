/**
 * The per-batch loss and correct count a device backend queued (see `DeviceMemory`), read back
 * a group of batches at a time: a read is started every few batches and awaited a group later,
 * by when it has arrived, so the device does not wait for the host; the end of an epoch waits
 * for the batches just queued.
 */
import type { DeviceMemory } from '../kernels/backend.js';

/** A batch read back: its summed loss, its correct count, its rows and its index in the epoch. */
export interface ReadBatch {
  readonly loss: number;
  readonly correct: number;
  readonly count: number;
  readonly batch: number;
}

export class DeviceScores {
  /** Batches queued since the last read: rows and index. */
  private counts: number[] = [];
  private batches: number[] = [];
  /** Reads started and not yet handed out, in order. */
  private reads: Promise<ReadBatch[]>[] = [];

  constructor(private readonly device: DeviceMemory) {}

  /** Batches queued and not yet being read. */
  get queued(): number {
    return this.counts.length;
  }

  /** A batch of `count` rows, number `batch` of its epoch, queued its loss and its correct count. */
  push(count: number, batch: number): void {
    this.counts.push(count);
    this.batches.push(batch);
  }

  /** Starts reading the batches queued so far; resolves with the batches of the reads started before it, in order. */
  async startRead(): Promise<ReadBatch[]> {
    const older = this.reads;
    this.reads = [];
    this.read();
    return (await Promise.all(older)).flat();
  }

  /** Reads every queued batch; resolves with every batch not handed out yet, in order. */
  async readAll(): Promise<ReadBatch[]> {
    this.read();
    const all = this.reads;
    this.reads = [];
    return (await Promise.all(all)).flat();
  }

  private read(): void {
    if (this.counts.length === 0) return;
    const counts = this.counts;
    const batches = this.batches;
    this.counts = [];
    this.batches = [];
    // Taken now, so the values are those of these batches whatever is queued later.
    const values = this.device.takeScalars();
    const read = values.then((v) => {
      if (v.length !== 2 * counts.length) throw new Error(`device: ${counts.length} batches queued ${2 * counts.length} values, ${v.length} came back`);
      return counts.map((count, i) => ({ loss: v[2 * i]!, correct: v[2 * i + 1]!, count, batch: batches[i]! }));
    });
    // Awaited later (startRead, readAll); a failed read must not count as unhandled meanwhile.
    read.catch(() => undefined);
    this.reads.push(read);
  }
}
