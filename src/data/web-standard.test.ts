/**
 * The data module's core (everything in src/data outside node/ folders and tests) must run in a
 * browser: no Node built-ins, no `process`, `Buffer` or `setImmediate`, and no import that leads
 * into a node/ folder. Checked on the compiled JavaScript, following relative imports.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '..');

/** Node-only code, allowed in test helpers but not in the core. */
const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bfrom\s*['"]node:|\bimport\s*\(\s*['"]node:/, 'a node: import'],
  [/\bfrom\s*['"](fs|path|os|zlib|crypto|http|https|url|module|stream|child_process)(\/[a-z]+)?['"]/, 'a Node built-in import'],
  [/\brequire\s*\(/, 'require()'],
  [/\bprocess\s*\./, 'process'],
  [/\bBuffer\b/, 'Buffer'],
  [/\bsetImmediate\b/, 'setImmediate'],
];

/** Comments removed, so that prose may mention Node. */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/**
 * The code with its double-quoted string literals emptied, so that a bundled package's messages
 * may name Node's globals (its code still may not). The import patterns read the code as it is.
 */
function withoutStrings(source: string): string {
  return source.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
}

function coreFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node' ? [] : coreFiles(path);
    if (!entry.name.endsWith('.js') || entry.name.endsWith('.test.js')) return [];
    // A test helper (an HTTP server) on its way to src/testing.
    if (entry.name === 'local-file-server.js') return [];
    return [path];
  });
}

test('src/data outside node/ uses only web-standard APIs, also through its imports', () => {
  const roots = coreFiles(here);
  assert.ok(roots.some((p) => p.endsWith(`${sep}idx.js`)), 'the compiled core is there');
  const seen = new Set<string>();
  const queue = [...roots];
  const problems: string[] = [];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const name = relative(dist, file);
    if (file.split(sep).includes('node')) {
      problems.push(`${name} is imported by the core`);
      continue;
    }
    const source = code(readFileSync(file, 'utf8'));
    for (const [pattern, what] of FORBIDDEN) if (pattern.test(pattern.source.includes('from') ? source : withoutStrings(source))) problems.push(`${name} uses ${what}`);
    for (const m of source.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), m[1]!);
      if (existsSync(target)) queue.push(target);
      else problems.push(`${name} imports ${m[1]}, not found`);
    }
  }
  assert.deepEqual(problems, []);
});
