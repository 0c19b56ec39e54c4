/** The error of a noise spec that does not parse or does not fit the model. */
import { InvalidArgumentError } from '../errors.js';

/** `noise spec '<spec>': <reason>`; `spec` and `reason` are kept apart for callers that name the field themselves. */
export class NoiseSpecError extends InvalidArgumentError {
  override name = 'NoiseSpecError';
  constructor(
    /** The spec as written. */
    readonly spec: string,
    /** Why it is refused. */
    readonly reason: string,
  ) {
    super(`noise spec '${spec}': ${reason}`);
  }
}
