/**
 * Output paths checked before any work, so that a long run never fails at the end for want of
 * a place to write: the path is not empty, nothing that is a file stands where a folder must
 * be, the folder that will hold the output can be written (tried with a temporary entry,
 * removed at once), and an existing output file is kept unless `--force`.
 */
import { mkdtempSync, rmSync, rmdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { NoisenetError } from '../errors.js';
import { UsageError, badValue } from './usage-error.js';

/**
 * `--out DIR`: DIR, or the folders that will be created for it, can be written.
 * @throws UsageError for an empty path; NoisenetError naming the path at fault and the reason.
 */
export function checkOutputDir(where: string, flag: string, path: string): void {
  if (path.trim() === '') throw badValue(where, flag, 'a folder path', path);
  const found = stat(path);
  if (found && !found.isDirectory()) throw new NoisenetError(`${flag} ${path} is a file, not a folder`);
  if (found) return probeFile(`${flag} ${path}`, path, `cannot write in ${path}`);
  probeAncestor(flag, path);
}

/**
 * `--json FILE`: FILE is not a folder, is new (or `force`), and its folder can be written.
 * @throws UsageError for an empty path; NoisenetError naming the path at fault and the reason.
 */
export function checkOutputFile(where: string, flag: string, path: string, force: boolean): void {
  if (path.trim() === '') throw badValue(where, flag, 'a file path', path);
  const found = stat(path);
  if (found?.isDirectory()) throw new NoisenetError(`${flag} ${path} is a folder, not a file`);
  if (found && !force) throw new NoisenetError(`${flag} ${path} already exists: pass --force to overwrite it, or choose another file`);
  const parent = dirname(resolve(path));
  const holder = stat(parent);
  if (holder?.isDirectory()) return probeFile(`${flag} ${path}`, parent, `cannot write a file in ${dirname(path)}`);
  probeAncestor(flag, path, dirname(path));
}

/** Refuses `--force` given without the flag it applies to. */
export function checkForceNeeds(where: string, force: boolean | undefined, flag: string, given: unknown, what: string): void {
  if (force && given === undefined) throw new UsageError(`${where}: --force applies only with ${flag} (it allows overwriting ${what})`);
}

function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The nearest existing folder above `path` must be a folder we can create folders in. */
function probeAncestor(flag: string, path: string, start = path): void {
  let ancestor = resolve(start);
  let found = stat(ancestor);
  while (!found && dirname(ancestor) !== ancestor) {
    ancestor = dirname(ancestor);
    found = stat(ancestor);
  }
  const shown = shownPath(path, ancestor);
  if (found && !found.isDirectory()) throw new NoisenetError(`${flag} ${path}: ${shown} is a file, not a folder`);
  try {
    rmdirSync(mkdtempSync(join(ancestor, '.noisenet-check-')));
  } catch (err) {
    throw new NoisenetError(`${flag} ${path}: cannot create a folder in ${shown} (${code(err)})`);
  }
}

/** Writes and removes a temporary file in `dir`. */
function probeFile(prefix: string, dir: string, reason: string): void {
  const probe = join(dir, `.noisenet-check-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
  } catch (err) {
    throw new NoisenetError(`${prefix}: ${reason} (${code(err)})`);
  }
  rmSync(probe, { force: true });
}

/** `ancestor` as the user wrote it when it is a prefix of `path`, else absolute. */
function shownPath(path: string, ancestor: string): string {
  let p = path;
  while (p !== dirname(p)) {
    if (resolve(p) === ancestor) return p;
    p = dirname(p);
  }
  return ancestor;
}

function code(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ?? e.message;
}
