/** For tests: `noisenet` as a child process, its output lines collected, with waits on them. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/noisenet.js', import.meta.url));

/** A running `noisenet` process. */
export interface CliProcess {
  readonly proc: ChildProcess;
  /** Everything written so far. */
  out(): string;
  err(): string;
  /**
   * Resolves with the first stdout line matching `pattern` among those written after the first
   * `from` characters (rejects after `timeoutMs` or when the process exits first).
   */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal's name). */
  readonly exit: Promise<number | string>;
}

/** Starts `noisenet ...args` (with `env` instead of this process's environment when given). */
export function startCli(args: readonly string[], env?: NodeJS.ProcessEnv): CliProcess {
  const proc = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; from: number; resolve: (m: RegExpMatchArray) => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      const m = out.slice(w.from).split('\n').map((l) => l.match(w.pattern)).find((x) => x !== null);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    check();
  });
  proc.stderr!.on('data', (d: Buffer) => void (err += d.toString()));
  const exit = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    proc,
    out: () => out,
    err: () => err,
    exit,
    waitFor: (pattern, timeoutMs = 60_000, from = 0) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stdout: ${out}; stderr: ${err}`)), timeoutMs);
        void exit.then((code) => setTimeout(() => reject(new Error(`exited (${code}) before a line matching ${pattern}; stdout: ${out}; stderr: ${err}`)), 50));
        waiters.push({ pattern, from, resolve: (m) => (clearTimeout(timer), resolve(m)) });
        check();
      }),
  };
}
