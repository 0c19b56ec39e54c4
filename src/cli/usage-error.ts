/** Misuse of the command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `<where>: <flag> must be <expected>, received "<raw>"`, the library's message shape. */
export function badValue(where: string, flag: string, expected: string, raw: string): UsageError {
  return new UsageError(`${where}: ${flag} must be ${expected}, received ${JSON.stringify(raw)}`);
}
