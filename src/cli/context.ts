/** What a command may touch: its output streams and environment, passed in so commands stay testable. */
export interface CliContext {
  readonly stdout: { write(s: string): void; readonly isTTY: boolean };
  /** `isTTY`: redraw progress bars in place (absent: false). */
  readonly stderr: { write(s: string): void; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Ctrl-C as an AbortSignal, for commands that stop cleanly (`noisenet compare` keeps its
   * finished runs). Calling it claims the first Ctrl-C: instead of exiting at once, the returned
   * signal is aborted and the command finishes up, then throws {@link Interrupted} (exit 130).
   * A second Ctrl-C still exits at once. Absent (tests, embedding): nothing interrupts.
   */
  readonly catchInterrupt?: () => AbortSignal;
}

/**
 * A command that stopped on Ctrl-C after saving what it could: `main` prints the message as one
 * line and exits 130.
 */
export class Interrupted extends Error {
  override name = 'Interrupted';
}
