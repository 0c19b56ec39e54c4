/** Runs the CLI in-process for tests: exit code, stdout and stderr. */
import { main } from '../cli/main.js';
import type { CliContext } from '../cli/context.js';

/** The result of one in-process command line. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `noisenet ...args` through {@link main}, with captured streams and the real environment. */
export async function runCli(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const ctx: CliContext = { stdout: { write: (s) => void (out += s), isTTY: false }, stderr: { write: (s) => void (err += s) }, env: process.env };
  const code = await main(args, ctx);
  return { code, out, err };
}

/** The `val_accuracy` of the `Final (...)` line `noisenet train` prints. */
export function finalValAccuracy(stdout: string): number {
  const m = /^Final \(epoch \d+\/\d+\): .*val_accuracy: (\d\.\d{4})$/m.exec(stdout);
  if (!m) throw new Error(`no Final line with val_accuracy in ${JSON.stringify(stdout)}`);
  return Number(m[1]);
}
