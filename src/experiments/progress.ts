/**
 * One progress bar for a whole experiment: runs x epochs of work, the current run and phase,
 * and the time left, estimated from the time per epoch so far (robustness included).
 */
import type { Logs } from '../train/callback.js';
import { bar, formatLogs } from '../callbacks/progbar-logger.js';

/** Where an experiment is, sent to `onProgress` after every batch, epoch and phase change. */
export interface ExperimentProgress {
  /**
   * What just happened: a run started, a batch or an epoch ended, the robustness evaluation of
   * the run started (test-time noise after training), or the experiment ended.
   */
  event: 'run' | 'batch' | 'epoch' | 'robustness' | 'done';
  /** 1-based index of the current run, and the runs planned. */
  run: number;
  runs: number;
  configuration: string;
  seed: number;
  /** 1-based current epoch of the run, and the epochs per run. */
  epoch: number;
  epochs: number;
  /** Epochs of work done over the whole experiment (fractional within an epoch), out of `total` = runs x epochs. */
  done: number;
  total: number;
  elapsedMs: number;
  /** Estimated time left; null before any work is done. */
  etaMs: number | null;
  /** The last finished epoch's logs of the current run, if any. */
  logs?: Logs;
}

/** Computes elapsed time and ETA for the runner. */
export class ProgressClock {
  private readonly start: number;

  constructor(
    readonly total: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.start = now();
  }

  /** Elapsed time and ETA after `done` epochs of work. */
  times(done: number): { elapsedMs: number; etaMs: number | null } {
    const elapsedMs = this.now() - this.start;
    return { elapsedMs, etaMs: done > 0 ? (elapsedMs / done) * Math.max(0, this.total - done) : null };
  }
}

/** `12:03`, `1:02:03` or `45s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const two = (n: number): string => String(n).padStart(2, '0');
  if (s >= 3600) return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  if (s >= 60) return `${Math.floor(s / 60)}:${two(s % 60)}`;
  return `${s}s`;
}

/**
 * One line: `run 2/6 noise-0.1 seed 1 epoch 3/5  8.4/30 [=======>......] 28% - ETA: 1:40 - val_accuracy: 0.9123`,
 * the count in epochs of work to a tenth.
 */
export function formatExperimentProgress(p: ExperimentProgress): string {
  const done = p.event === 'done';
  const head = done ? `finished ${p.run}/${p.runs} runs` : `run ${p.run}/${p.runs} ${p.configuration} seed ${p.seed} ${p.event === 'robustness' ? 'robustness' : `epoch ${p.epoch}/${p.epochs}`}`;
  // Epochs of work to a tenth, so that the count and the percentage say the same: `0.6/8 ... 7%`.
  const shown = Math.floor(p.done * 10 + 1e-9) / 10;
  const percent = p.total > 0 ? Math.floor((100 * shown) / p.total) : 100;
  const time = done ? ` - ${formatDuration(p.elapsedMs)}` : p.etaMs === null ? '' : ` - ETA: ${formatDuration(p.etaMs)}`;
  const logs = p.logs ? formatLogs(pick(p.logs, ['val_accuracy', 'val_loss'])) : '';
  return `${head}  ${bar(shown, p.total)} ${percent}%${time}${logs}`;
}

function pick(logs: Logs, keys: string[]): Logs {
  return Object.fromEntries(keys.filter((k) => logs[k] !== undefined).map((k) => [k, logs[k]!]));
}

/** Options of {@link ExperimentProgressBar}. */
export interface ExperimentProgressBarOptions {
  /** Where the text goes, e.g. `(s) => process.stderr.write(s)`. */
  write: (s: string) => void;
  /** Redraw one line in place with `\r` (a terminal); otherwise print a line per finished epoch. Default false. */
  isTTY?: boolean;
  /** Least time between two redraws, in ms; default 100. */
  intervalMs?: number;
  /** Clock in ms; default `performance.now`. */
  now?: () => number;
}

/** Draws {@link ExperimentProgress} events: pass `bar.update` as the runner's `onProgress`. */
export class ExperimentProgressBar {
  private last = -Infinity;
  private width = 0;

  constructor(private readonly options: ExperimentProgressBarOptions) {}

  /** Draws `p` (throttled on a terminal; off a terminal, one line per finished epoch or run). */
  readonly update = (p: ExperimentProgress): void => {
    const line = formatExperimentProgress(p);
    const now = (this.options.now ?? (() => performance.now()))();
    const done = p.event === 'done';
    if (!this.options.isTTY) {
      if (p.event === 'epoch' || done) this.options.write(`${line}\n`);
      return;
    }
    if (!done && p.event !== 'epoch' && now - this.last < (this.options.intervalMs ?? 100)) return;
    this.last = now;
    this.options.write(`\r${line}${' '.repeat(Math.max(0, this.width - line.length))}${done ? '\n' : ''}`);
    this.width = done ? 0 : line.length;
  };

  /** Ends a line left open on a terminal, before other text (a warning) is written. */
  end(): void {
    if (this.width > 0) this.options.write('\n');
    this.width = 0;
  }
}
