/**
 * Where the library's text output goes by default: `progbarLogger()` without `write` prints to
 * it, as Keras prints to standard output. The core has no standard output of its own; the Node
 * entry sets `process.stdout` when it is imported, and other runtimes may set any writer.
 */

/** A text sink: a function that writes, and whether it is a terminal (progress bars redraw in place). */
export interface TextOutput {
  write(text: string): void;
  readonly isTTY?: boolean;
}

let standard: TextOutput | null = null;

/** Sets (or, with null, clears) the default text output, e.g. `{ write: (s) => element.append(s) }`. */
export function setStandardOutput(output: TextOutput | null): void {
  standard = output;
}

/** The default text output, or null when this runtime has none (and none was set). */
export function standardOutput(): TextOutput | null {
  return standard;
}
