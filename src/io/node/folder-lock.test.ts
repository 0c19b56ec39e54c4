/** The output folder lock: one holder at a time across real processes, stale locks of killed processes taken over by exactly one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FolderInUseError } from '../../errors.js';
import { LOCK_FILE, heldLock, lockFolder } from './folder-lock.js';

const MODULE = fileURLToPath(new URL('./folder-lock.js', import.meta.url));

/** A child process that takes the lock of `dir`, prints `locked <pid>` or `in use: <message>`, then holds it until its stdin closes. */
function locker(dir: string): { child: ChildProcess; said: Promise<string> } {
  const script = `
    const { lockFolder } = await import(${JSON.stringify(MODULE)});
    try {
      const lock = await lockFolder(${JSON.stringify(dir)}, 'test locker');
      process.stdout.write('locked ' + process.pid + '\\n');
      process.stdin.resume();
      process.stdin.on('end', () => lock.release().then(() => process.exit(0)));
    } catch (err) {
      process.stdout.write('in use: ' + err.message + '\\n');
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const said = new Promise<string>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', () => resolve(out.trim()));
  });
  return { child, said };
}

const exited = (child: ChildProcess): Promise<void> => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

test('a folder locked by a live process is refused at once, naming its pid, host and start', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-lock-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const holder = locker(dir);
  assert.equal(await holder.said, `locked ${holder.child.pid}`);
  await assert.rejects(lockFolder(dir, 'noisenet train'), (err: Error) => {
    assert.ok(err instanceof FolderInUseError);
    assert.match(err.message, new RegExp(`is in use: test locker \\(pid ${holder.child.pid} on ${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, started \\d{4}-\\d\\d-\\d\\dT[^)]+\\) is writing there`));
    return true;
  });
  holder.child.stdin!.end();
  await exited(holder.child);
  assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'released on a normal end');
  const lock = await lockFolder(dir, 'noisenet train');
  assert.equal(heldLock(dir), lock);
  await lock.check();
  await lock.release();
  assert.deepEqual(await readdir(dir), [], 'no lock or temporary file left');
});

test('the stale lock of a process killed with SIGKILL is taken over by exactly one of six processes racing for it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-lock-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const first = locker(dir);
  assert.equal(await first.said, `locked ${first.child.pid}`);
  first.child.kill('SIGKILL');
  await exited(first.child);
  const stale = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { pid: number };
  assert.equal(stale.pid, first.child.pid, 'SIGKILL leaves the lock behind');

  const racers = Array.from({ length: 6 }, () => locker(dir));
  t.after(() => racers.forEach((r) => r.child.kill('SIGKILL')));
  const said = await Promise.all(racers.map((r) => r.said));
  const winners = said.filter((s) => s.startsWith('locked '));
  assert.equal(winners.length, 1, said.join('\n'));
  const winner = Number(winners[0]!.slice('locked '.length));
  for (const s of said.filter((x) => !x.startsWith('locked '))) assert.match(s, new RegExp(`^in use: .* is in use: test locker \\(pid ${winner} on `));
  const owner = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { pid: number };
  assert.equal(owner.pid, winner, 'the lock names the winner');
  for (const r of racers) r.child.stdin!.end();
  await Promise.all(racers.map((r) => exited(r.child)));
  assert.deepEqual(await readdir(dir), [], 'no lock or lock moved aside left');
});

test('a lock taken by another process after this one\'s was removed is noticed before writing', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'noisenet-lock-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const lock = await lockFolder(dir, 'noisenet train');
  await rm(join(dir, LOCK_FILE));
  const other = locker(dir);
  assert.match(await other.said, /^locked /);
  await assert.rejects(lock.check(), /lock .*\.lock was taken by test locker \(pid \d+ on /);
  await lock.release();
  assert.ok(existsSync(join(dir, LOCK_FILE)), 'the other process keeps its lock');
  other.child.stdin!.end();
  await exited(other.child);
});
