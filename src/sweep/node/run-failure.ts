/** Why a sweep run failed, as it crosses process boundaries (child processes, the queue). */
import { InvalidArgumentError, NoisenetError, ResourceError } from '../../errors.js';

/** A run that threw: its error's name and message, and whether it is a configuration error (never retried). */
export class RunFailure extends NoisenetError {
  override name = 'RunFailure';
  constructor(
    /** The original error's name, e.g. `TrainingError`. */
    readonly errorName: string,
    /** The original message. */
    readonly reason: string,
    /** The settings cannot work anywhere (an invalid argument): retrying cannot help. */
    readonly configError: boolean,
  ) {
    super(`${errorName}: ${reason}`);
  }
}

/** Whether `err` or an error it was caused by is a ResourceError (out of memory): retried, never a configuration error. */
function causedByResource(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) if (e instanceof ResourceError) return true;
  return false;
}

/** A plain description of any error a run threw; a ResourceError (out of memory) is not a configuration error, so a queue retries it. */
export function describeFailure(err: unknown): { name: string; message: string; configError: boolean } {
  if (err instanceof RunFailure) return { name: err.errorName, message: err.reason, configError: err.configError };
  if (err instanceof Error) return { name: err.name, message: err.message.split('\n')[0]!, configError: err instanceof InvalidArgumentError && !causedByResource(err) };
  return { name: 'Error', message: String(err), configError: false };
}
