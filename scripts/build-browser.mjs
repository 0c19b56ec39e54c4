#!/usr/bin/env node
/**
 * The browser builds, run by `npm run build` after tsc and the wasm build: the library
 * (dist/browser/, see scripts/browser/library.mjs) and the playground (dist/playground-site/, served
 * by `noisenet playground`; see scripts/browser/playground.mjs). Usage: node scripts/build-browser.mjs
 */
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { buildLibrary } from './browser/library.mjs';
import { buildPlayground, typecheckPage } from './browser/playground.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const lib = await buildLibrary(root);
  typecheckPage(root);
  const playground = await buildPlayground(root, join(root, 'dist', 'playground-site'));
  console.log(`build-browser: ${relative(root, lib)}/, ${relative(root, playground)}/`);
} catch (e) {
  console.error(`build-browser: ${e.message}`);
  process.exit(1);
}
