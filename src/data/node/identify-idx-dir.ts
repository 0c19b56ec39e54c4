/** Which published dataset a folder of IDX files is, by the published checksums of its `.gz` files. */
import { join } from 'node:path';
import type { IdxDatasetSpec } from '../datasets/idx-spec.js';
import { MNIST } from '../datasets/mnist.js';
import { FASHION_MNIST } from '../datasets/fashion-mnist.js';
import { fileMatches } from './checksum.js';

/** The published datasets a folder may hold. */
export const PUBLISHED_IDX: readonly IdxDatasetSpec[] = [MNIST, FASHION_MNIST];

/**
 * The name of the dataset whose four published `.gz` files are all in `dir`, unchanged (checked
 * against their published SHA-256 or MD5); null when there is none (uncompressed or other files).
 */
export async function identifyIdxDir(dir: string): Promise<string | null> {
  for (const spec of PUBLISHED_IDX) {
    const files = Object.values(spec.files);
    const matches = await Promise.all(files.map((f) => fileMatches(join(dir, f.name), f.checksum).catch(() => false)));
    if (matches.every(Boolean)) return spec.name;
  }
  return null;
}
