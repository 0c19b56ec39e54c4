/** Runs `bin/noisenet.js` in a child process, for tests that kill it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const NOISENET_BIN = fileURLToPath(new URL('../../bin/noisenet.js', import.meta.url));

/** The result of a child run: exit code (null when killed), the signal, the output. */
export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `noisenet ...args`; `onStdout` sees the output so far after each chunk and may kill the
 * child (it gets the process).
 */
export function spawnCli(args: readonly string[], onStdout?: (stdout: string, child: ChildProcess) => void): Promise<ChildRun> {
  const child = spawn(process.execPath, [NOISENET_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d;
    onStdout?.(stdout, child);
  });
  child.stderr!.on('data', (d: Buffer) => void (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
