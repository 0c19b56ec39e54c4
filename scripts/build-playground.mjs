#!/usr/bin/env node
/**
 * `npm run build:playground`: writes the playground as a static folder any static host can serve
 * (single-threaded where the host does not send the cross-origin isolation headers), with
 * Fashion-MNIST when its files are at hand. Needs `npm run build` first (npm ci runs it).
 * Usage: node scripts/build-playground.mjs [--out DIR] [--fashion-dir DIR | --no-fashion]
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve } from 'node:path';
import { buildPlayground, FASHION_FILES } from './browser/playground.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const value = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const known = new Set(['--out', '--fashion-dir', '--no-fashion']);
const unknown = args.filter((a, i) => a.startsWith('--') && !known.has(a) && !(i > 0 && (args[i - 1] === '--out' || args[i - 1] === '--fashion-dir')));
if (unknown.length > 0 || (args.includes('--out') && !value('--out')) || (args.includes('--fashion-dir') && !value('--fashion-dir'))) {
  console.error('usage: node scripts/build-playground.mjs [--out DIR] [--fashion-dir DIR | --no-fashion]');
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'browser', 'noisenet.js'))) {
  console.error('build-playground: dist/browser/ is missing; run npm run build first');
  process.exit(1);
}
const out = resolve(value('--out') ?? join(root, 'playground-site'));
const given = value('--fashion-dir');
const fashionDir = args.includes('--no-fashion') ? undefined : given ?? '/usr/share/datasets/fashion-mnist';
const haveFashion = fashionDir !== undefined && FASHION_FILES.every((f) => existsSync(join(fashionDir, f)));
if (given && !haveFashion) {
  console.error(`build-playground: ${given} does not hold the four Fashion-MNIST files (${FASHION_FILES.join(', ')})`);
  process.exit(1);
}
try {
  await rm(out, { recursive: true, force: true });
  await buildPlayground(root, out, haveFashion ? { fashionDir } : {});
} catch (e) {
  console.error(`build-playground: ${e.message}`);
  process.exit(1);
}
console.log(`build-playground: wrote ${relative(process.cwd(), out) || '.'}/ (mnist-mini${haveFashion ? ', Fashion-MNIST' : ''}); serve it with any static server, e.g. npx noisenet playground --dir ${relative(process.cwd(), out) || '.'}`);
