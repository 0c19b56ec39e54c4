/**
 * A progress line for long loops of known length (robustness levels, certified samples) on
 * stderr: redrawn in place on a terminal, a line per tenth of the work otherwise.
 */
import { bar } from '../callbacks/progbar-logger.js';
import { formatDuration } from '../experiments/progress.js';

export interface CountProgressOptions {
  /** Text before the bar, e.g. `certify`. */
  label: string;
  write: (s: string) => void;
  isTTY: boolean;
  /** Off a terminal, print a line per tenth of the work; default true (false: print nothing). */
  lines?: boolean;
  /** Least time between two redraws on a terminal, in ms; default 100. */
  intervalMs?: number;
  now?: () => number;
}

export class CountProgress {
  private readonly start: number;
  private last = -Infinity;
  private tenth = 0;
  private drawn = false;

  constructor(private readonly o: CountProgressOptions) {
    this.start = this.now();
  }

  private now(): number {
    return (this.o.now ?? (() => performance.now()))();
  }

  /** `label  120/500 [=======>......] 24% - ETA: 1:02`. */
  readonly update = (done: number, total: number): void => {
    const t = this.now();
    const elapsed = t - this.start;
    const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
    const finished = done >= total;
    const time = finished ? ` - ${formatDuration(elapsed)}` : done > 0 ? ` - ETA: ${formatDuration((elapsed / done) * (total - done))}` : '';
    const line = `${this.o.label} ${bar(done, total)} ${percent}%${time}`;
    if (this.o.isTTY) {
      if (!finished && t - this.last < (this.o.intervalMs ?? 100)) return;
      this.last = t;
      this.drawn = true;
      this.o.write(`\r${line}${finished ? '\n' : ''}`);
      if (finished) this.drawn = false;
      return;
    }
    if (this.o.lines === false) return;
    const tenth = Math.floor((10 * done) / Math.max(1, total));
    if (tenth > this.tenth) {
      this.tenth = tenth;
      this.o.write(`${line}\n`);
    }
  };

  /** Ends an unfinished line on a terminal (before an error message). */
  end(): void {
    if (this.drawn) this.o.write('\n');
    this.drawn = false;
  }
}
