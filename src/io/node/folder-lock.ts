/**
 * An exclusive lock on an output folder, so that two processes never write the same run:
 * `DIR/.lock` holds its owner (pid, host, command, start time and a random token). It is made
 * complete under a temporary name and hard-linked into place, which fails when a lock exists,
 * so a reader never sees half a lock. A second writer fails at once with FolderInUseError
 * naming the owner. A lock whose owner ran on this host and is no longer alive (killed with
 * SIGKILL, a crash) is stale and is taken over: it is renamed aside (only one process can),
 * checked to be the very lock found stale, and removed; then the lock is placed again as usual.
 * Locks of other hosts are never taken over (their pids cannot be checked).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { FolderInUseError, ModelFileError } from '../../errors.js';
import { step } from './atomic-write.js';
import { alive, temporaryName, writeDurable } from './durable.js';

/** The lock's name inside the folder. */
export const LOCK_FILE = '.lock';

/** Who holds a folder's lock. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** What writes there, e.g. `noisenet train`. */
  readonly command: string;
  /** ISO time the lock was taken. */
  readonly started: string;
  readonly token: string;
}

/** A lock this process holds. */
export interface FolderLock {
  /** The folder, resolved. */
  readonly dir: string;
  readonly owner: LockOwner;
  /**
   * Confirms the lock is still this process's (call before replacing what the folder holds).
   * @throws FolderInUseError when another process holds it now.
   */
  check(): Promise<void>;
  /** Removes the lock if it is still this process's. */
  release(): Promise<void>;
}

const held = new Map<string, FolderLock>();
let exitHook = false;

/** The lock this process holds on `dir`, if any. */
export function heldLock(dir: string): FolderLock | undefined {
  return held.get(resolve(dir));
}

/**
 * Creates `dir` if needed and takes its lock for `command`.
 * @throws FolderInUseError naming the owner when a live process (or one on another host) holds it.
 */
export async function lockFolder(dir: string, command: string): Promise<FolderLock> {
  const path = resolve(dir);
  const mine = held.get(path);
  if (mine) throw inUse(dir, mine.owner);
  const created = await step(path, () => mkdir(path, { recursive: true }));
  const owner: LockOwner = { pid: process.pid, host: hostname(), command, started: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const file = join(path, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await place(path, owner)) return register(dir, path, owner, created);
    const found = await readOwner(file);
    if (found === 'gone') continue;
    if (found === 'unreadable') throw new FolderInUseError(`${dir}: locked by ${file}, which cannot be read; remove it if no noisenet process writes in ${dir}`);
    if (found.host !== owner.host || alive(found.pid)) throw inUse(dir, found);
    await takeOver(path, found);
  }
  throw new FolderInUseError(`${dir}: its lock ${file} keeps changing hands; another process is writing there`);
}

function inUse(dir: string, o: LockOwner): FolderInUseError {
  const self = o.pid === process.pid && o.host === hostname() ? ', this process' : '';
  return new FolderInUseError(`${dir} is in use: ${o.command} (pid ${o.pid} on ${o.host}${self}, started ${o.started}) is writing there; wait for it to end or choose another folder`);
}

/** Writes the lock under a temporary name and links it into place; false when a lock exists. */
async function place(path: string, owner: LockOwner): Promise<boolean> {
  const tmp = join(path, temporaryName(LOCK_FILE));
  try {
    await step(tmp, () => writeDurable(tmp, `${JSON.stringify(owner)}\n`));
    await link(tmp, join(path, LOCK_FILE)).catch(async (err: NodeJS.ErrnoException) => {
      // File systems without hard links: an exclusive create, which a reader may see half written.
      if (err.code === 'EPERM' || err.code === 'ENOTSUP' || err.code === 'ENOSYS') await writeFile(join(path, LOCK_FILE), `${JSON.stringify(owner)}\n`, { flag: 'wx' });
      else throw err;
    });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    if (err instanceof ModelFileError) throw err;
    throw new ModelFileError(`${join(path, LOCK_FILE)}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The owner a lock file names: `gone` when it vanished, `unreadable` when it is not a lock. */
async function readOwner(file: string): Promise<LockOwner | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
  return parseOwner(text) ?? 'unreadable';
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner> | null;
    const ok = o && Number.isSafeInteger(o.pid) && [o.host, o.command, o.started, o.token].every((v) => typeof v === 'string');
    return ok ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

/**
 * Removes the stale lock of `found`: renamed aside first, so that of several processes taking it
 * over only one removes it; a lock renamed aside that is not `found` (placed meanwhile by a
 * process that took it over first) is linked back.
 */
async function takeOver(path: string, found: LockOwner): Promise<void> {
  const file = join(path, LOCK_FILE);
  const aside = join(path, temporaryName(`${LOCK_FILE}-stale`));
  try {
    await rename(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = await readOwner(aside);
  if (typeof moved !== 'object' || moved.token !== found.token) await link(aside, file).catch(() => undefined);
  await rm(aside, { force: true });
}

/** Registers the lock; `created` is the first folder `lockFolder` made for it, removed again on release if left empty. */
function register(dir: string, path: string, owner: LockOwner, created: string | undefined): FolderLock {
  const file = join(path, LOCK_FILE);
  const lock: FolderLock = {
    dir: path,
    owner,
    async check() {
      const found = await readOwner(file);
      if (typeof found !== 'object' || found.token !== owner.token) {
        throw new FolderInUseError(`${dir}: this process's lock ${file} was ${typeof found === 'object' ? `taken by ${found.command} (pid ${found.pid} on ${found.host})` : 'removed'}; nothing was replaced`);
      }
    },
    async release() {
      if (held.get(path) !== lock) return;
      held.delete(path);
      const found = await readOwner(file);
      if (typeof found === 'object' && found.token === owner.token) await rm(file, { force: true });
      // A folder made for the lock and never written (the command failed first) goes away again.
      for (let f = path; created !== undefined && f.length >= created.length; f = dirname(f)) {
        if (!(await rmdir(f).then(() => true, () => false))) break;
      }
    },
  };
  if (!exitHook) process.on('exit', releaseAllNow);
  exitHook = true;
  held.set(path, lock);
  return lock;
}

/** On exit (a second Ctrl-C, `process.exit`), removes the locks still held, synchronously. */
function releaseAllNow(): void {
  for (const [path, lock] of held) {
    const file = join(path, LOCK_FILE);
    try {
      if (parseOwner(readFileSync(file, 'utf8'))?.token === lock.owner.token) unlinkSync(file);
    } catch {
      // Exiting anyway: a lock left behind is stale and is taken over by the next writer.
    }
  }
  held.clear();
}
