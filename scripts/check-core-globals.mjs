#!/usr/bin/env node
/**
 * Lists uses of Node-only globals (process, Buffer, setImmediate, __dirname, ...) in the core's
 * source files: the files that the core-no-node rule of .dependency-cruiser.cjs covers, i.e.
 * everything under src/ except the CLI, the node/ adapters, test code and src/node.ts. Imports
 * are dependency-cruiser's part; globals are not imports, so this script finds them with the
 * TypeScript compiler: an identifier counts when it resolves to a declaration of @types/node
 * (a local variable or a property that happens to be called `process` does not).
 *
 * Uses in code that is being reworked elsewhere are listed in PENDING below and reported as
 * warnings; any other use fails the check (exit 1). Usage: node scripts/check-core-globals.mjs
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Globals that exist in Node only (web runtimes have globalThis.crypto, fetch, TextEncoder, setTimeout, ...). */
const NODE_GLOBALS = new Set(['process', 'Buffer', 'setImmediate', 'clearImmediate', '__dirname', '__filename', 'require', 'module', 'exports', 'global', 'NodeJS']);

/**
 * Known uses in files whose owners are moving them out of the core (file -> globals). Remove an
 * entry once it is gone; the script says when one is no longer needed.
 */
const PENDING = {};

/** The core's files: the same set as the core-no-node rule (its `from.pathNot`). */
const config = require(join(root, '.dependency-cruiser.cjs'));
const nodeSide = config.forbidden.find((r) => r.name === 'core-no-node').from.pathNot.map((p) => new RegExp(p));
const isCore = (file) => file.startsWith('src/') && /\.ts$/.test(file) && !file.endsWith('.d.ts') && !nodeSide.some((re) => re.test(file));

const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
const checker = program.getTypeChecker();
const fromNodeTypes = (decl) => decl.getSourceFile().fileName.split(/[\\/]/).join('/').includes('/node_modules/@types/node/');

const findings = []; // { file, line, name }
for (const sf of program.getSourceFiles()) {
  const file = relative(root, sf.fileName).split(sep).join('/');
  if (!isCore(file)) continue;
  const visit = (node) => {
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) {
      const symbol = checker.getSymbolAtLocation(node);
      const decls = symbol?.declarations ?? [];
      if (decls.length > 0 && decls.every(fromNodeTypes)) {
        findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, name: node.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

const pending = findings.filter((f) => PENDING[f.file]?.includes(f.name));
const fresh = findings.filter((f) => !PENDING[f.file]?.includes(f.name));
const show = (f) => `  ${f.file}:${f.line}: ${f.name}`;
if (pending.length > 0) {
  console.log(`check-core-globals: ${pending.length} known use(s) of Node globals in core files, pending their move out of the core:`);
  for (const f of pending) console.log(show(f));
}
for (const [file, names] of Object.entries(PENDING)) {
  for (const name of names) {
    if (!pending.some((f) => f.file === file && f.name === name)) console.log(`check-core-globals: ${file} no longer uses ${name}: remove it from PENDING in scripts/check-core-globals.mjs`);
  }
}
if (fresh.length > 0) {
  console.error(`check-core-globals: ${fresh.length} use(s) of Node-only globals in core files (use web-standard APIs, or move the code into a node/ folder):`);
  for (const f of fresh) console.error(show(f));
  process.exit(1);
}
console.log(`check-core-globals: no other Node global in the ${program.getSourceFiles().filter((sf) => isCore(relative(root, sf.fileName).split(sep).join('/'))).length} core files`);
