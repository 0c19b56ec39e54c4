/** What a command may touch: its output streams and environment, passed in so commands stay testable. */
export interface CliContext {
  readonly stdout: { write(s: string): void; readonly isTTY: boolean };
  readonly stderr: { write(s: string): void };
  readonly env: Readonly<Record<string, string | undefined>>;
}
