/**
 * Trainer child processes: each trains one run at a time outside the caller's event loop (so a
 * queue worker keeps renewing its locks while a long run trains), keeps its loaded datasets for
 * the next run, and is replaced when it dies. A child that dies mid-run fails that run only.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SweepRunRecord } from '../sweep-results.js';
import type { RunProgress } from '../train-run.js';
import { RunFailure } from './run-failure.js';
import type { ChildMessage, RunMessage } from './trainer-messages.js';

const CHILD = fileURLToPath(new URL('./trainer-child.js', import.meta.url));

/** Thrown by {@link TrainerPool.run} for a run stopped by {@link TrainerPool.stopAll}. */
export class RunStopped extends Error {
  override name = 'RunStopped';
}

interface Pending {
  id: string;
  resolve: (r: SweepRunRecord) => void;
  reject: (e: Error) => void;
  onProgress: ((p: RunProgress) => void) | undefined;
  stopping: boolean;
}

interface Slot {
  child: ChildProcess;
  pending: Pending | null;
}

/** Options of {@link TrainerPool}. */
export interface TrainerPoolOptions {
  /** Children at most (runs trained at once). */
  size: number;
  /** Worker threads of each child's kernels; default: the child's default (all cores). */
  threads?: number;
}

export class TrainerPool {
  private readonly slots: Slot[] = [];
  private closed = false;

  constructor(private readonly options: TrainerPoolOptions) {}

  private spawn(): Slot {
    const env = { ...process.env, ...(this.options.threads === undefined ? {} : { NOISENET_TRAINER_THREADS: String(this.options.threads) }) };
    const child = fork(CHILD, [], { execArgv: [], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const slot: Slot = { child, pending: null };
    child.on('message', (m: ChildMessage) => {
      const p = slot.pending;
      if (!p || m.type === 'ready' || m.id !== p.id) return;
      if (m.type === 'progress') return p.onProgress?.(m.progress);
      slot.pending = null;
      if (m.type === 'done') p.resolve(m.record);
      else p.reject(new RunFailure(m.name, m.message, m.configError));
    });
    child.on('exit', (code, signal) => {
      this.slots.splice(this.slots.indexOf(slot), 1);
      const p = slot.pending;
      slot.pending = null;
      if (p) p.reject(p.stopping ? new RunStopped(`run ${p.id} stopped`) : new RunFailure('TrainerExited', `the trainer process exited (${signal ?? `code ${code}`}) during the run`, false));
    });
    child.on('error', () => undefined); // 'exit' follows
    this.slots.push(slot);
    return slot;
  }

  /** Trains one run in a free child (at most `size` at once: the caller keeps to it). */
  run(message: Omit<RunMessage, 'type'>, onProgress?: (p: RunProgress) => void): Promise<SweepRunRecord> {
    if (this.closed) return Promise.reject(new RunStopped('the trainer pool is closed'));
    const slot = this.slots.find((s) => s.pending === null && s.child.connected) ?? (this.slots.length < this.options.size ? this.spawn() : null);
    if (!slot) return Promise.reject(new Error(`TrainerPool: all ${this.options.size} trainers are busy`));
    return new Promise<SweepRunRecord>((resolve, reject) => {
      const pending: Pending = { id: message.id, resolve, reject, onProgress, stopping: false };
      slot.pending = pending;
      // The slot is freed on every path out of the send: a message that cannot be serialized
      // (too deep, a cycle) fails its run alone, as a fault of the run, never retried.
      const free = (): boolean => {
        if (slot.pending !== pending) return false;
        slot.pending = null;
        return true;
      };
      try {
        slot.child.send({ type: 'run', ...message } satisfies RunMessage, (err) => {
          if (!err || !free()) return;
          // The channel broke: the child cannot be trusted with another run.
          slot.child.kill('SIGKILL');
          reject(new RunFailure('TrainerExited', `the run could not be sent to the trainer process (${(err as NodeJS.ErrnoException).code ?? err.message})`, false));
        });
      } catch (err) {
        free();
        const e = err instanceof Error ? err : new Error(String(err));
        reject(new RunFailure(e.name, `the run's settings cannot be sent to a trainer process (${e.message.split('\n')[0]})`, true));
      }
    });
  }

  /** Kills the children that are training; their runs reject with {@link RunStopped}. */
  stopAll(): void {
    for (const s of this.slots) {
      if (s.pending) {
        s.pending.stopping = true;
        s.child.kill('SIGKILL');
      }
    }
  }

  /** Kills every child. */
  close(): void {
    this.closed = true;
    this.stopAll();
    for (const s of [...this.slots]) s.child.kill('SIGKILL');
  }
}
