/**
 * Replacing a model folder so that a crash at any instant leaves the complete old model or the
 * complete new one. `model.json` names every other file of the folder, and it is written last:
 * the new data files go under names the current `model.json` does not use (`weights.bin`, else
 * `weights-1.bin`, ...), each written to a temporary name, fsync'd and renamed; then the new
 * `model.json` replaces the old one in one rename, and the folder is fsync'd. Only then are the
 * old data files removed. A save that fails before its commit removes what it wrote; temporary
 * files of dead processes and data files no `model.json` names (a save killed before its
 * commit) are removed by the next save.
 */
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MODEL_FILE } from '../model-json.js';
import { step } from './atomic-write.js';
import { sweepStale, syncFolder, temporaryName, writeDurable } from './durable.js';

/** A data file of the folder: its base name and extension (`weights`, `.bin`) and contents. */
export interface DataFile {
  readonly base: string;
  readonly ext: string;
  readonly data: Uint8Array;
}

/** The names a model.json uses: its weights manifest paths and the `noisenet.files` it lists. */
export function namedFiles(json: unknown): Set<string> {
  const j = json as { weightsManifest?: { paths?: unknown }[]; noisenet?: { files?: Record<string, unknown> } } | null;
  const names = new Set<string>();
  for (const g of Array.isArray(j?.weightsManifest) ? j.weightsManifest : []) for (const p of Array.isArray(g?.paths) ? g.paths : []) if (typeof p === 'string') names.add(p);
  for (const v of Object.values(j?.noisenet?.files ?? {})) if (typeof v === 'string') names.add(v);
  return names;
}

async function currentNames(dir: string): Promise<Set<string>> {
  try {
    return namedFiles(JSON.parse(await readFile(join(dir, MODEL_FILE), 'utf8')));
  } catch {
    return new Set();
  }
}

/** `base.ext`, `base-1.ext`, `base-2.ext`: the names a data file takes in turn. */
const candidates = (f: DataFile): string[] => [`${f.base}${f.ext}`, `${f.base}-1${f.ext}`, `${f.base}-2${f.ext}`];

/**
 * Writes `files` and then `model.json`, whose text `index` makes from the names the files got
 * (in the order given), replacing whatever model the folder held.
 * @throws ModelFileError naming the path that could not be written; the old model stays whole.
 */
export async function commitModelFolder(dir: string, files: readonly DataFile[], index: (names: string[]) => string): Promise<void> {
  await step(dir, () => mkdir(dir, { recursive: true }));
  await sweepStale(dir);
  const used = await currentNames(dir);
  const names = files.map((f) => candidates(f).find((n) => !used.has(n)) ?? candidates(f)[0]!);
  const temporary = new Set<string>();
  /** Data files renamed into place that no model.json names until the commit. */
  const placed: string[] = [];
  try {
    for (const [i, f] of files.entries()) {
      const tmp = join(dir, temporaryName(names[i]!));
      temporary.add(tmp);
      await step(join(dir, names[i]!), () => writeDurable(tmp, f.data));
      await step(join(dir, names[i]!), () => rename(tmp, join(dir, names[i]!)));
      temporary.delete(tmp);
      placed.push(names[i]!);
    }
    const tmp = join(dir, temporaryName(MODEL_FILE));
    temporary.add(tmp);
    await step(join(dir, MODEL_FILE), () => writeDurable(tmp, index(names)));
    await syncFolder(dir); // the data files' renames reach the disk before model.json names them
    await step(join(dir, MODEL_FILE), () => rename(tmp, join(dir, MODEL_FILE)));
    temporary.delete(tmp);
    placed.length = 0;
    await syncFolder(dir);
  } catch (err) {
    // Not committed (a full disk, say): the new data files go now; the old model never named them.
    await Promise.all(placed.filter((n) => !used.has(n)).map((n) => rm(join(dir, n), { force: true }).catch(() => undefined)));
    throw err;
  } finally {
    await Promise.all([...temporary].map((t) => rm(t, { force: true }).catch(() => undefined)));
  }
  const keep = new Set(names);
  const old = files.flatMap(candidates).filter((n) => !keep.has(n));
  await Promise.all(old.map((n) => rm(join(dir, n), { force: true }).catch(() => undefined)));
}
