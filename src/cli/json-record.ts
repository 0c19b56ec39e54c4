/** The `--json FILE` records of `robustness` and `certify`: format tag, the fields, and the versions that made them. */
import { basename, dirname } from 'node:path';
import { writeFilesAtomic } from '../io/node/atomic-write.js';
import { noisenetVersion } from '../io/version.js';

/** Writes `{ format, version: 1, ...fields, versions }` to `path` atomically. */
export async function writeJsonRecord(path: string, format: string, backend: string, fields: Record<string, unknown>): Promise<void> {
  const record = { format, version: 1, ...fields, versions: { noisenet: noisenetVersion(), node: process.version, backend } };
  await writeFilesAtomic(dirname(path), [{ name: basename(path), data: `${JSON.stringify(record, null, 1)}\n` }]);
}
