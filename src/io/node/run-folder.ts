/**
 * A training run's outputs, `DIR/history.json`, `DIR/history.csv` and `DIR/model/`, replaced
 * together in one rename, so that after a crash at any instant the three belong to the same
 * run: the old one or the new one, complete. Each version is written, fsync'd, into its own
 * folder `DIR/.versions/<id>/`; `DIR/.current` is a symbolic link to the version in use, and
 * the three public names are links through it (`history.json -> .current/history.json`).
 * Writing a new version and renaming a new `.current` link over the old one switches all
 * three at once; then the old version is deleted. A save that fails (a full disk) removes
 * what it wrote before throwing; temporary files and versions left by a killed save are
 * removed by the next one. Where symbolic links cannot be made (Windows
 * without the privilege), the files are written in place, each atomically but not together.
 * The write holds the folder's lock (`DIR/.lock`, see folder-lock.ts): the caller's, when it
 * took it before training, else its own for the write; another writer fails with FolderInUseError.
 */
import { lstat, mkdir, readlink, readdir, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Sequential } from '../../models/sequential.js';
import { historyCsv, historyJson, type HistoryLike } from '../history-files.js';
import { saveModel, type SaveModelOptions } from './save-model.js';
import { writeHistory } from './history-files.js';
import { step } from './atomic-write.js';
import { sweepStale, syncFolder, temporaryName, writeDurable } from './durable.js';
import { heldLock, lockFolder } from './folder-lock.js';

const VERSIONS = '.versions';
const CURRENT = '.current';
/** The public names, each a link to the same name in the current version. */
const PUBLIC = ['history.json', 'history.csv', 'model'] as const;

/** What a name in `dir` is now: our link, nothing, or something else (a run written in place). */
async function kind(path: string, target: string): Promise<'ours' | 'none' | 'other'> {
  try {
    const s = await lstat(path);
    return s.isSymbolicLink() && (await readlink(path)) === target ? 'ours' : 'other';
  } catch {
    return 'none';
  }
}

/** Renames a new symbolic link `name -> target` over whatever `name` is (a link or a file). */
async function placeLink(dir: string, name: string, target: string): Promise<void> {
  const tmp = join(dir, temporaryName(name));
  await symlink(target, tmp);
  try {
    await rename(tmp, join(dir, name));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes `history` and `model` as the run in `dir` (created if needed), replacing the run it held.
 * @throws ModelFileError naming the path that could not be written; the old run stays whole.
 * @throws FolderInUseError when another process holds the folder's lock; nothing is written.
 */
export async function writeRunFolder(dir: string, history: HistoryLike, model: Sequential, options: SaveModelOptions = {}): Promise<void> {
  const own = heldLock(dir);
  const lock = own ?? (await lockFolder(dir, 'writeRunFolder'));
  try {
    await lock.check();
    await writeLocked(dir, history, model, options);
  } finally {
    if (!own) await lock.release();
  }
}

async function writeLocked(dir: string, history: HistoryLike, model: Sequential, options: SaveModelOptions): Promise<void> {
  const versions = join(dir, VERSIONS);
  await step(versions, () => mkdir(versions, { recursive: true }));
  await Promise.all([sweepStale(dir), sweepStale(versions)]);
  const id = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const building = join(versions, temporaryName(id));
  await step(building, () => mkdir(building));
  try {
    await step(join(building, 'history.json'), () => writeDurable(join(building, 'history.json'), historyJson(history)));
    await step(join(building, 'history.csv'), () => writeDurable(join(building, 'history.csv'), historyCsv(history)));
    await saveModel(model, join(building, 'model'), options);
    await syncFolder(building);
    await step(join(versions, id), () => rename(building, join(versions, id)));
  } catch (err) {
    // A full disk, say: the half-written version goes now, not at the next save.
    await rm(building, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
  await syncFolder(versions);

  const kinds = await Promise.all(PUBLIC.map((name) => kind(join(dir, name), `${CURRENT}/${name}`)));
  try {
    // Links first (they dangle until .current exists), then the one rename that switches runs.
    for (const [i, name] of PUBLIC.entries()) if (kinds[i] === 'none') await placeLink(dir, name, `${CURRENT}/${name}`);
    await placeLink(dir, CURRENT, `${VERSIONS}/${id}`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EACCES' && code !== 'ENOTSUP') {
      // `.current` still names the old version: the new one is not in use, and goes.
      await rm(join(versions, id), { recursive: true, force: true }).catch(() => undefined);
      throw err;
    }
    await rm(join(versions, id), { recursive: true, force: true });
    await writeHistory(dir, history);
    await saveModel(model, join(dir, 'model'), options);
    return;
  }
  await syncFolder(dir);
  // A run written in place (without links) is converted now: its files give way to the links.
  for (const [i, name] of PUBLIC.entries()) {
    if (kinds[i] !== 'other') continue;
    const away = join(dir, temporaryName(name));
    await rename(join(dir, name), away);
    await placeLink(dir, name, `${CURRENT}/${name}`);
    await rm(away, { recursive: true, force: true });
  }
  await syncFolder(dir);
  const old = (await readdir(versions)).filter((v) => v !== id);
  await Promise.all(old.map((v) => rm(join(versions, v), { recursive: true, force: true }).catch(() => undefined)));
}
