/**
 * Keras' progress output: `Epoch 1/10`, then a 30-character bar redrawn in place on a terminal,
 * and one final line per epoch:
 * `1875/1875 [==============================] - 9s 5ms/step - loss: 0.2555 - accuracy: 0.9247`.
 * Off a terminal only the final line is printed. Writes to a sink (the standard output by
 * default), never to the console.
 */
import type { Callback, FitParams, Logs } from '../train/callback.js';
import { boolean, func, number, type Schema } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { invalid } from '../errors.js';
import { standardOutput } from './standard-output.js';

export interface ProgbarLoggerOptions {
  /**
   * Where the text goes; default the standard output (`process.stdout` in Node; elsewhere what
   * `setStandardOutput` set).
   */
  write?: (s: string) => void;
  /** Redraw a live bar with `\r` (a terminal); otherwise print only each epoch's final line. Default: whether the standard output is a terminal when `write` is not given, else false. */
  isTTY?: boolean;
  /** Least time between two redraws of the live bar, in ms; default 100. */
  intervalMs?: number;
  /** Clock in ms; default `performance.now`. For tests. */
  now?: () => number;
}

const WIDTH = 30;

export class ProgbarLogger implements Callback {
  private readonly write: (s: string) => void;
  private readonly isTTY: boolean;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private epochs = 0;
  private steps = 0;
  private start = 0;
  private lastDraw = -Infinity;
  private drawnWidth = 0;

  constructor(options: ProgbarLoggerOptions = {}) {
    const o = parseOptions('progbarLogger', PROGBAR_LOGGER_OPTIONS, options);
    const output = o.write ? null : standardOutput();
    if (!o.write && !output) {
      throw invalid('progbarLogger', 'write', 'given where there is no standard output (or set one with setStandardOutput)', undefined);
    }
    this.write = o.write ?? ((s) => output!.write(s));
    this.isTTY = o.isTTY ?? output?.isTTY ?? false;
    this.intervalMs = o.intervalMs!;
    this.now = o.now ?? (() => performance.now());
  }

  setParams(params: FitParams): void {
    this.epochs = params.epochs;
    this.steps = params.steps;
  }

  onEpochBegin(epoch: number): void {
    this.write(`Epoch ${epoch + 1}/${this.epochs}\n`);
    this.start = this.now();
    this.lastDraw = -Infinity;
    this.drawnWidth = 0;
  }

  onBatchEnd(batch: number, logs: Logs): void {
    if (!this.isTTY) return;
    const now = this.now();
    const done = batch + 1;
    if (now - this.lastDraw < this.intervalMs || done >= this.steps) return;
    this.lastDraw = now;
    const eta = ((now - this.start) / 1000 / done) * (this.steps - done);
    this.redraw(`${bar(done, this.steps)} - ETA: ${formatEta(eta)}${formatLogs(logs)}`);
  }

  onEpochEnd(_epoch: number, logs: Logs): void {
    const seconds = (this.now() - this.start) / 1000;
    const line = `${bar(this.steps, this.steps)} - ${seconds.toFixed(0)}s ${formatPerStep(seconds / Math.max(this.steps, 1))}${formatLogs(logs)}`;
    if (this.isTTY) this.redraw(line);
    else this.write(line);
    this.write('\n');
    this.drawnWidth = 0;
  }

  /** Rewrites the current terminal line, blanking what a longer previous line left behind. */
  private redraw(line: string): void {
    const pad = Math.max(0, this.drawnWidth - line.length);
    this.write(`\r${line}${' '.repeat(pad)}`);
    this.drawnWidth = line.length;
  }
}

/** A progress logger, to the standard output by default; see {@link ProgbarLoggerOptions}. */
export function progbarLogger(options: ProgbarLoggerOptions = {}): ProgbarLogger {
  return new ProgbarLogger(options);
}

/** The options of {@link progbarLogger}, declared once. */
export const PROGBAR_LOGGER_OPTIONS: Schema<ProgbarLoggerOptions> = {
  write: func('where the text goes; default the standard output', 'a function (text) => void'),
  isTTY: boolean('redraw a live bar in place (a terminal)'),
  intervalMs: number('least time between two redraws of the live bar, in ms', { default: 100, range: { min: 0 } }),
  now: func('clock in ms; default performance.now', 'a function () => number'),
};

/** `  32/1875 [>.............................]`, the count padded to the width of the total. */
export function bar(current: number, total: number): string {
  const count = `${String(current).padStart(String(total).length)}/${total}`;
  const filled = total > 0 ? Math.floor((WIDTH * current) / total) : WIDTH;
  let inside = '';
  if (filled > 0) inside = '='.repeat(filled - 1) + (current < total ? '>' : '=');
  return `${count} [${inside}${'.'.repeat(WIDTH - filled)}]`;
}

/** ` - loss: 0.2555 - accuracy: 0.9247`, in the logs' order; tiny values in exponent form, as Keras. */
export function formatLogs(logs: Logs): string {
  return Object.entries(logs)
    .map(([k, v]) => ` - ${k}: ${Math.abs(v) > 1e-3 || v === 0 || !Number.isFinite(v) ? v.toFixed(4) : exponent(v)}`)
    .join('');
}

/** Python's `%.4e`: `1.2345e-04`. */
function exponent(v: number): string {
  return v.toExponential(4).replace(/e([+-])(\d)$/, (_, sign: string, digit: string) => `e${sign}0${digit}`);
}

/** Keras' ETA: `45s`, `3:07`, or `1:02:03`. */
function formatEta(seconds: number): string {
  const s = Math.floor(seconds);
  const two = (n: number): string => String(n).padStart(2, '0');
  if (s > 3600) return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  if (s > 60) return `${Math.floor(s / 60)}:${two(s % 60)}`;
  return `${s}s`;
}

/** Keras' time per step: `1s/step`, `5ms/step` or `830us/step`. */
function formatPerStep(seconds: number): string {
  if (seconds >= 1 || seconds === 0) return `${seconds.toFixed(0)}s/step`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(0)}ms/step`;
  return `${(seconds * 1e6).toFixed(0)}us/step`;
}
