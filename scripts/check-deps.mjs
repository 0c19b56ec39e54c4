#!/usr/bin/env node
/**
 * Runs dependency-cruiser with the rules of .dependency-cruiser.cjs over src/. Violations listed
 * in .dependency-cruiser-known-violations.json (today's, in code being reworked) are printed as
 * warnings; any other violation fails the check (exit 1). Known violations that no longer occur
 * are pointed out so the list only shrinks. It also fails on any import cycle between folders
 * of src/ (tests and src/testing aside), which the layer-order rules rule out one import at a time.
 * Usage: node scripts/check-deps.mjs [root]   (root: the checkout to check; this one by default)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { folderCycles } from './folder-cycles.mjs';

const home = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = process.argv[2] === undefined ? home : resolve(process.argv[2]);
const KNOWN_FILE = '.dependency-cruiser-known-violations.json';
const bin = join(home, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

const run = spawnSync(process.execPath, [bin, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
let result;
try {
  result = JSON.parse(run.stdout);
} catch {
  console.error(`check-deps: dependency-cruiser failed (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}

/** One line per violation: the rule, and the cycle or the dependency. */
const describe = (v) => `${v.rule.name}: ${v.cycle ? [v.from, ...v.cycle.map((c) => c.name)].join(' -> ') : `${v.from} -> ${v.to}`}`;
const key = (v) => `${v.rule.name}|${v.from}|${v.to}|${(v.cycle ?? []).map((c) => c.name).join('>')}`;

const known = existsSync(join(root, KNOWN_FILE)) ? JSON.parse(readFileSync(join(root, KNOWN_FILE), 'utf8')) : [];
const knownKeys = new Set(known.map(key));
const violations = result.summary.violations.filter((v) => v.rule.severity !== 'ignore' && v.rule.severity !== 'info');
const old = violations.filter((v) => knownKeys.has(key(v)));
const fresh = violations.filter((v) => !knownKeys.has(key(v)));
const seen = new Set(violations.map(key));
const gone = known.filter((v) => !seen.has(key(v)));

if (old.length > 0) {
  console.log(`check-deps: ${old.length} known violation(s), to be fixed where they are (listed in ${KNOWN_FILE}):`);
  for (const v of old) console.log(`  warn ${describe(v)}`);
}
if (gone.length > 0) {
  console.log(`check-deps: ${gone.length} known violation(s) no longer occur; remove them from ${KNOWN_FILE} (npx depcruise-baseline src):`);
  for (const v of gone) console.log(`  fixed ${describe(v)}`);
}
const cycles = folderCycles(result.modules);
if (fresh.length > 0 || cycles.length > 0) {
  if (fresh.length > 0) console.error(`check-deps: ${fresh.length} dependency rule violation(s) (the rules and why: .dependency-cruiser.cjs):`);
  for (const v of fresh) console.error(`  error ${describe(v)}`);
  for (const c of cycles) console.error(`  error folder-cycle: src/${c.join('/ <-> src/')}/ import each other (through other folders too); see FOLDER_ORDER in .dependency-cruiser.cjs`);
  process.exit(1);
}
console.log(`check-deps: no new violation (${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} dependencies)`);
