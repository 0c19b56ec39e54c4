#!/usr/bin/env node
/**
 * The long crash test of `noisenet train --out DIR --force`: N times (default 100), trains a
 * small run over the run already in DIR and kills it with SIGKILL at a random instant during
 * its save (0 to 40 ms after it prints its Final line, which it prints just before saving);
 * then checks that DIR loads as the old or the new run, complete, that history.json belongs to
 * the same run as the model, and that the next save leaves no temporary file. Runs alternate
 * seeds 1 and 2, so old and new differ. Prints the counts. Needs `npm run build` first.
 * Usage: node scripts/kill-loop.mjs [N]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'noisenet.js');
const runs = Number(process.argv[2] ?? 100);
const args = (seed, out) => ['train', '--dataset', 'mnist-mini', '--train-size', '500', '--epochs', '1', '--hidden', '32', '--seed', String(seed), '--threads', '1', '--out', out, '--force'];

function train(seed, out, killAfterFinalMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args(seed, out)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (killAfterFinalMs !== undefined && /^Final /m.test(stdout) && !child.killTimer) child.killTimer = setTimeout(() => child.kill('SIGKILL'), killAfterFinalMs);
    });
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
}

/** The run a folder holds: its weights file bytes and history.json, read through its public names. */
function contents(dir) {
  const model = JSON.parse(readFileSync(join(dir, 'model', 'model.json'), 'utf8'));
  return { weights: readFileSync(join(dir, 'model', model.weightsManifest[0].paths[0])).toString('base64'), history: readFileSync(join(dir, 'history.json'), 'utf8') };
}
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [e.name, ...walk(join(dir, e.name)).map((n) => `${e.name}/${n}`)] : [e.name]));

const work = mkdtempSync(join(tmpdir(), 'noisenet-kill-loop-'));
const started = Date.now();
try {
  const reference = [];
  for (const seed of [1, 2]) {
    const r = await train(seed, join(work, `ref-${seed}`));
    if (r.code !== 0) throw new Error(`reference run seed ${seed} failed`);
    reference.push(contents(join(work, `ref-${seed}`)));
  }
  const dir = join(work, 'run');
  await train(1, dir);
  const counts = { killed: 0, finishedFirst: 0, old: 0, new: 0, broken: 0, mismatched: 0, leftovers: 0 };
  for (let i = 0; i < runs; i++) {
    const before = contents(dir);
    const seed = before.weights === reference[0].weights ? 2 : 1;
    const r = await train(seed, dir, Math.random() * 40);
    if (r.signal === 'SIGKILL') counts.killed++;
    else counts.finishedFirst++;
    let now;
    try {
      now = contents(dir);
    } catch (err) {
      counts.broken++;
      console.log(`run ${i + 1}: broken: ${err.message}`);
      await train(seed, dir);
      continue;
    }
    const which = reference.findIndex((ref) => ref.weights === now.weights);
    if (which < 0) counts.broken++;
    else if (reference[which].history !== now.history) counts.mismatched++;
    else if (now.weights === before.weights) counts.old++;
    else counts.new++;
    // The next save (completed) must leave no temporary file behind.
    const last = await train(seed, dir);
    if (last.code !== 0) throw new Error('a completed run failed');
    const left = walk(dir).filter((n) => /\.tmp-/.test(n));
    if (left.length) {
      counts.leftovers++;
      console.log(`run ${i + 1}: left after the next save: ${left.join(', ')}`);
    }
  }
  console.log(`kill-loop: ${runs} runs of train --out DIR --force, ${counts.killed} killed during the save (${counts.finishedFirst} finished before the kill): ` +
    `${counts.old} left the complete old run, ${counts.new} the complete new run, ${counts.broken} broken, ${counts.mismatched} with a history of the other run, ` +
    `${counts.leftovers} with temporary files after the next save; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exitCode = counts.broken + counts.mismatched + counts.leftovers > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
