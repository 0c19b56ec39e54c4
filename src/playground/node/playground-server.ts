/**
 * `noisenet playground`'s server: the built playground folder (dist/playground-site, or another
 * one written by `npm run build:playground`), plus Fashion-MNIST's four files when they are at
 * hand on this machine and the folder lacks them (listed in the served `datasets/index.json`).
 * Any other folder with an `index.html` is served as it is (a page of your own, with threads).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFileError } from '../../errors.js';
import { FASHION_MNIST } from '../../data/datasets/fashion-mnist.js';
import { defaultCacheDir, type Env } from '../../data/node/cache-dir.js';
import { startStaticServer, type StaticServer } from './static-server.js';

/** Where `npm run build` writes the playground. */
export const PLAYGROUND_DIR = fileURLToPath(new URL('../../playground-site/', import.meta.url));

const FASHION_FILES = Object.values(FASHION_MNIST.files).map((f) => f.name);

/** Options of {@link startPlayground}. */
export interface PlaygroundServerOptions {
  dir?: string;
  host?: string;
  port?: number;
  /** Send the cross-origin isolation headers (threads in the page); default true. */
  isolation?: boolean;
  /** A folder with Fashion-MNIST's four files; default Debian's folder or the noisenet cache, when they hold them; null: none. */
  fashionDir?: string | null;
  env?: Env;
  /** Called with each request's method and path (the server keeps none). */
  onRequest?: (method: string, path: string) => void;
}

/** A running playground server, and what it offers. */
export interface PlaygroundServer extends StaticServer {
  readonly dir: string;
  /** The datasets the page lists, by name. */
  readonly datasets: string[];
  /** The folder Fashion-MNIST is served from, when it is. */
  readonly fashionDir: string | null;
}

/** The first folder holding Fashion-MNIST's four files: Debian's, then the cache's. */
export function findFashionDir(env: Env = process.env): string | null {
  const candidates = [...(FASHION_MNIST.systemDirs ?? []), join(defaultCacheDir(env), FASHION_MNIST.name)];
  return candidates.find((dir) => FASHION_FILES.every((f) => existsSync(join(dir, f)))) ?? null;
}

/**
 * Starts the server.
 * @throws DataFileError when the folder is not a built playground or `fashionDir` lacks a file.
 */
export async function startPlayground(options: PlaygroundServerOptions = {}): Promise<PlaygroundServer> {
  const dir = options.dir ?? PLAYGROUND_DIR;
  if (!existsSync(join(dir, 'index.html'))) {
    throw new DataFileError(`${dir}: no index.html to serve; run npm run build, or npm run build:playground -- --out DIR`);
  }
  // A built playground lists its datasets; any other folder with a page is served as it is.
  const indexPath = join(dir, 'datasets', 'index.json');
  const playground = existsSync(indexPath);
  let index: { datasets: { name: string; title: string; baseUrl: string }[] } = { datasets: [] };
  if (playground) {
    try {
      index = JSON.parse(await readFile(indexPath, 'utf8')) as typeof index;
      if (!Array.isArray(index.datasets)) throw new Error('no "datasets" list');
    } catch (e) {
      throw new DataFileError(`${indexPath}: not a dataset list (${(e as Error).message}); run npm run build again`);
    }
  }
  const extra: Record<string, string | Uint8Array> = {};
  let fashionDir: string | null = null;
  if (playground && !index.datasets.some((d) => d.name === FASHION_MNIST.name)) {
    fashionDir = options.fashionDir === undefined ? findFashionDir(options.env) : options.fashionDir;
    if (fashionDir !== null) {
      const missing = FASHION_FILES.filter((f) => !existsSync(join(fashionDir!, f)));
      if (missing.length > 0) throw new DataFileError(`${fashionDir}: Fashion-MNIST's ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`);
      for (const f of FASHION_FILES) extra[`/datasets/fashion-mnist/${f}`] = join(fashionDir, f);
      index = { datasets: [...index.datasets, { name: FASHION_MNIST.name, title: 'Fashion-MNIST: 60,000 training and 10,000 test clothing images', baseUrl: 'datasets/fashion-mnist/' }] };
      extra['/datasets/index.json'] = new TextEncoder().encode(`${JSON.stringify(index, null, 1)}\n`);
    }
  }
  const server = await startStaticServer({ root: dir, host: options.host ?? '127.0.0.1', port: options.port ?? 0, isolation: options.isolation ?? true, extra, ...(options.onRequest ? { onRequest: options.onRequest } : {}) });
  return Object.assign(server, { dir, datasets: index.datasets.map((d) => d.name), fashionDir });
}
