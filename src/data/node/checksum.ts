/** Checksums that vouch for a data file's bytes. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Checksum } from '../datasets/idx-spec.js';

export type { Checksum };

/**
 * The hex digest of a file, streamed; `undefined` when the file does not exist.
 * @throws the underlying fs error for anything other than a missing file.
 */
export async function hashFile(path: string, algorithm: Checksum['algorithm']): Promise<string | undefined> {
  const hash = createHash(algorithm);
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return hash.digest('hex');
}

/** Whether the file at `path` exists and matches `checksum`. */
export async function fileMatches(path: string, checksum: Checksum): Promise<boolean> {
  return (await hashFile(path, checksum.algorithm)) === checksum.digest.toLowerCase();
}
