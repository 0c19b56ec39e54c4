#!/usr/bin/env node
/**
 * Bundles the core entry's compiled output (dist/index.js, from `npm run build`) with esbuild
 * for the browser and fails when anything in it imports a Node builtin (node:fs, os,
 * worker_threads, ...), listing the importing files. This checks what a web bundler would
 * really pull in, following every import from the entry, npm packages included.
 * Usage: node scripts/check-core-bundle.mjs
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'index.js');
if (!existsSync(entry)) {
  console.error('check-core-bundle: dist/index.js is missing; run npm run build first');
  process.exit(1);
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const found = []; // `importer -> builtin`

/**
 * Whether the package of `importer` maps `builtin` to nothing for browsers (`"browser": { "fs":
 * false }` in its package.json), as browser bundlers, esbuild included, honour: such an import
 * (guarded by the package, e.g. protobufjs' optional fs) never reaches the bundle.
 */
function mappedAwayForBrowsers(importer, builtin) {
  for (let dir = dirname(importer); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const browser = JSON.parse(readFileSync(file, 'utf8')).browser;
    return typeof browser === 'object' && browser !== null && browser[builtin] === false;
  }
  return false;
}

const nodeBuiltins = {
  name: 'node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (!builtins.has(args.path) && !args.path.startsWith('node:')) return undefined;
      if (args.importer.includes('/node_modules/') && mappedAwayForBrowsers(args.importer, args.path)) return undefined;
      found.push(`${relative(root, args.importer)} -> ${args.path}`);
      return { path: args.path, external: true };
    });
  },
};

const result = await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'silent',
  plugins: [nodeBuiltins],
}).catch((e) => {
  console.error(`check-core-bundle: esbuild could not bundle dist/index.js for the browser:\n${e.message}`);
  process.exit(1);
});

const modules = Object.keys(result.metafile.inputs).length;
if (found.length > 0) {
  console.error(`check-core-bundle: the browser bundle of dist/index.js imports Node builtins:\n${found.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`check-core-bundle: dist/index.js bundles for the browser with no Node builtin (${modules} modules, ${(bytes / 1024).toFixed(0)} KiB)`);
