#!/usr/bin/env node
/**
 * Writes docs/reference/cli.md, the CLI reference generated from the run schema and the
 * commands' option tables (src/cli/cli-reference.ts), from the built files: run `npm run build`
 * first, or use `npm run docs:cli`, which does.
 * Usage: node scripts/build-cli-reference.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { cliReference } from '../dist/cli/cli-reference.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'reference', 'cli.md');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, cliReference());
console.log(`build-cli-reference: ${out}`);
