/**
 * Writing that survives a crash: files written to a temporary name in their folder and fsync'd,
 * folders fsync'd after a rename, and temporary files of processes that died removed later.
 * A temporary name is `<name>.tmp-<pid>-<random hex>`.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** `<name>.tmp-<pid>-<random>`: a temporary name of this process for `name`. */
export function temporaryName(name: string): string {
  return `${name}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

const TEMPORARY = /\.tmp-(\d+)-[0-9a-f]+$/;

/** Writes `data` to `path` and flushes it to the disk before returning. */
export async function writeDurable(path: string, data: string | Uint8Array): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Flushes a folder's entries (renames, new files) to the disk; a no-op where folders cannot be opened (Windows). */
export async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on folders (EINVAL, EISDIR); the rename is then as durable as they make it.
  } finally {
    await handle.close();
  }
}

/** Whether process `pid` is alive on this machine. */
export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary files and folders in `dir` left by processes that are no longer running; returns their names. */
export async function sweepStale(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => {
    const m = TEMPORARY.exec(n);
    return m !== null && !alive(Number(m[1]));
  });
  await Promise.all(stale.map((n) => rm(join(dir, n), { recursive: true, force: true }).catch(() => undefined)));
  return stale;
}

/** Removes, synchronously, this process's own temporary files in `dir`: for a process exiting at once, whose writes will never finish. */
export function removeOwnTemporariesNow(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = TEMPORARY.exec(n);
    if (m && Number(m[1]) === process.pid) rmSync(join(dir, n), { recursive: true, force: true });
  }
}
