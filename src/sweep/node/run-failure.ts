/** Why a sweep run failed, as it crosses process boundaries (child processes, the queue). */
import { InvalidArgumentError, NoisenetError } from '../../errors.js';

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

/** A plain description of any error a run threw. */
export function describeFailure(err: unknown): { name: string; message: string; configError: boolean } {
  if (err instanceof RunFailure) return { name: err.errorName, message: err.reason, configError: err.configError };
  if (err instanceof Error) return { name: err.name, message: err.message.split('\n')[0]!, configError: err instanceof InvalidArgumentError };
  return { name: 'Error', message: String(err), configError: false };
}
