#!/usr/bin/env node
/**
 * A longer run of the property tests (the *fuzz*.test.js files in dist/: the IDX parser, the
 * model loader, the noise spec parser and the experiment config parser): FUZZ_RUNS runs per
 * property instead of CI's 200. Build first (npm run build).
 * Usage: node scripts/fuzz.mjs [RUNS] (default 20000); FUZZ_SEED=<n> replays a reported failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const runs = process.argv[2] ?? process.env.FUZZ_RUNS ?? '20000';
if (!/^\d+$/.test(runs)) {
  process.stderr.write(`fuzz: RUNS must be a positive integer, received ${JSON.stringify(runs)}\n`);
  process.exit(2);
}
if (!existsSync(dist)) {
  process.stderr.write('fuzz: dist/ not found; run npm run build first\n');
  process.exit(2);
}
const files = readdirSync(dist, { recursive: true })
  .map(String)
  .filter((f) => /fuzz.*\.test\.js$/.test(f))
  .map((f) => join(dist, f));
process.stdout.write(`fuzz: ${runs} runs per property in ${files.length} file(s)\n`);
const result = spawnSync(process.execPath, ['--test', ...files], { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs } });
process.exit(result.status ?? 1);
