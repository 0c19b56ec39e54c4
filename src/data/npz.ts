/** NumPy's `.npz` archives (`numpy.savez`, `numpy.savez_compressed`): a zip of `.npy` files, one per name. */
import { DataFileError } from '../errors.js';
import { MAX_NPY_BYTES, type NpyArray, parseNpy } from './npy.js';
import { readZipEntry, zipEntries } from './zip.js';

/**
 * The arrays of an `.npz` file by name (`x_train` for `x_train.npy`). Every entry is read within
 * its declared size, and all of them together within `maxBytes` (default 1 GiB), checked from
 * the zip directory before anything is inflated.
 * @throws DataFileError naming the file and the entry for a corrupt archive, a zip bomb, or an
 *   array {@link parseNpy} refuses.
 */
export function parseNpz(input: Uint8Array | ArrayBuffer, where: string, maxBytes = MAX_NPY_BYTES): Record<string, NpyArray> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const entries = zipEntries(bytes, where).filter((e) => e.name.endsWith('.npy'));
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > maxBytes) throw new DataFileError(`${where}: its arrays declare ${total} bytes in all, more than the limit of ${maxBytes} (the loader's maxBytes option)`);
  const arrays: Record<string, NpyArray> = {};
  for (const entry of entries) {
    arrays[entry.name.slice(0, -4)] = parseNpy(readZipEntry(bytes, entry, where, maxBytes), `${where}: ${entry.name}`, maxBytes);
  }
  return arrays;
}
