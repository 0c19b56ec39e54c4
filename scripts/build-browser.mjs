#!/usr/bin/env node
/**
 * The browser builds, run by `npm run build` after tsc and the wasm build: the library
 * (dist/browser/, see scripts/browser/library.mjs). Usage: node scripts/build-browser.mjs
 */
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { buildLibrary } from './browser/library.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const lib = await buildLibrary(root);
  console.log(`build-browser: ${relative(root, lib)}/`);
} catch (e) {
  console.error(`build-browser: ${e.message}`);
  process.exit(1);
}
