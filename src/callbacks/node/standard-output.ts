/** The Node side of the default text output: `process.stdout`. */
import { setStandardOutput } from '../standard-output.js';

/** Makes `process.stdout` the default text output (what `progbarLogger()` writes to). */
export function useProcessStdout(): void {
  setStandardOutput({
    write: (text) => void process.stdout.write(text),
    get isTTY() {
      return Boolean(process.stdout.isTTY);
    },
  });
}
