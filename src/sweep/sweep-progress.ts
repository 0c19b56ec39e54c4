/**
 * One progress bar over a sweep: runs done (stored earlier or now), running, failed, and the
 * time left, estimated from the runs finished since the start and the runs in progress.
 */
import { bar } from '../callbacks/progbar-logger.js';
import { formatDuration } from '../experiments/progress.js';

/** Counts of a sweep's runs. */
export interface SweepCounts {
  planned: number;
  /** Finished, including the runs stored before this start. */
  done: number;
  /** Of `done`, stored before this start (not counted in the rate). */
  earlier: number;
  running: number;
  failed: number;
}

/** `runs 5/14 done, 2 running, 1 failed [=====>.....] 42% - ETA: 1:20`. */
export function formatSweepProgress(c: SweepCounts, elapsedMs: number, finished = false): string {
  const settled = c.done + c.failed;
  const percent = c.planned > 0 ? Math.floor((100 * settled) / c.planned) : 100;
  const fresh = settled - c.earlier;
  const left = c.planned - settled;
  const eta = finished ? ` - ${formatDuration(elapsedMs)}` : fresh > 0 && left > 0 ? ` - ETA: ${formatDuration((elapsedMs / fresh) * left)}` : '';
  const parts = [`runs ${c.done}/${c.planned} done`, `${c.running} running`, ...(c.failed > 0 ? [`${c.failed} failed`] : [])];
  return `${parts.join(', ')} ${bar(settled, c.planned)} ${percent}%${eta}`;
}

/** Options of {@link SweepProgressBar}. */
export interface SweepProgressBarOptions {
  write: (s: string) => void;
  /** Redraw in place (a terminal); otherwise a line whenever a run settles. */
  isTTY: boolean;
  now?: () => number;
}

/** Draws {@link SweepCounts} as they change. */
export class SweepProgressBar {
  private readonly start: number;
  private lastSettled = -1;
  private width = 0;

  constructor(private readonly o: SweepProgressBarOptions) {
    this.start = this.now();
  }

  private now(): number {
    return (this.o.now ?? (() => performance.now()))();
  }

  /** Draws the counts; `finished` ends the line. */
  update(c: SweepCounts, finished = false): void {
    const line = formatSweepProgress(c, this.now() - this.start, finished);
    const settled = c.done + c.failed;
    if (!this.o.isTTY) {
      if (settled !== this.lastSettled || finished) this.o.write(`${line}\n`);
      this.lastSettled = settled;
      return;
    }
    this.o.write(`\r${line}${' '.repeat(Math.max(0, this.width - line.length))}${finished ? '\n' : ''}`);
    this.width = finished ? 0 : line.length;
  }
}
