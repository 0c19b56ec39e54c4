/** The error that means "no mirror could be reached", as opposed to "the data is bad". */
import { DownloadError } from '../errors.js';

/**
 * Thrown when a data file is neither cached nor downloadable: every mirror failed with a
 * network error or an HTTP error status. Its message says how to provide the files offline.
 *
 * A caller that has a fallback (the CLI falls back from `mnist` to `mnist-mini`) detects it with
 * `err instanceof OfflineError` or `err.offline === true`. A checksum mismatch is a plain
 * {@link DownloadError} instead, never an `OfflineError`: bad data must not be papered over.
 */
export class OfflineError extends DownloadError {
  override name = 'OfflineError';
  /** Always true; lets callers test for this case without importing the class. */
  readonly offline = true;
}
