/** What `npm publish` would ship: the compiled library, the kernels, the CLI, mnist-mini and the docs' pages, and no test code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { posix } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));

let packed: string[] | undefined;

/** The paths `npm pack` would put in the tarball, packed once for every test of this file. */
function packedFiles(): string[] {
  // --ignore-scripts: packing must not run `prepack` (a rebuild) under the running tests.
  packed ??= (() => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
    return pack!.files.map((f) => f.path);
  })();
  return packed;
}

test('the package holds the entries, the kernels, the CLI, mnist-mini and the notices of the bundled packages, and no test file or test helper', () => {
  const files = packedFiles();
  const bundled = ['dist/browser/noisenet-embedded.js', 'dist/browser/mnist-mini/mnist-mini-images-idx3-ubyte.gz', 'dist/browser/mnist-mini/mnist-mini-labels-idx1-ubyte.gz', 'dist/THIRD-PARTY-NOTICES.md'];
  for (const required of ['dist/index.js', 'dist/index.d.ts', 'dist/node.js', 'dist/node.d.ts', 'dist/kernels.wasm', 'bin/noisenet.js', 'package.json', 'README.md', ...bundled]) {
    assert.ok(files.includes(required), `${required} is missing from the package`);
  }
  assert.deepEqual(files.filter((f) => /\.test\./.test(f)), [], 'test files in the package');
  assert.deepEqual(files.filter((f) => f.startsWith('dist/testing/')), [], 'test helpers in the package');
  assert.deepEqual(files.filter((f) => !/^(dist\/|bin\/|docs\/|package\.json$|README\.md$|LICENSE)/.test(f)), [], 'files outside dist/, bin/ and docs/');
});

test('the package holds every Markdown page of docs/ and nothing else of docs/: no result run folder, chart or results.json', () => {
  const files = packedFiles();
  const pages = readdirSync(`${root}docs`, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => posix.join('docs', f.split('\\').join('/')));
  assert.ok(pages.length >= 20, `${pages.length} pages under docs/`);
  for (const page of pages) assert.ok(files.includes(page), `${page} is missing from the package`);
  assert.deepEqual(files.filter((f) => f.startsWith('docs/') && !f.endsWith('.md')), [], 'files of docs/ other than its pages');
});

test("every README link to a Markdown page resolves inside the package, so the links work in an installed copy", () => {
  const files = packedFiles();
  const readme = readFileSync(`${root}README.md`, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
  const pages = [...readme.matchAll(/\]\(([^)\s#]+\.md)(#[^)\s]*)?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
  assert.ok(pages.length >= 10, `${pages.length} links to pages in the README`);
  assert.deepEqual(pages.map((t) => posix.normalize(t)).filter((t) => !files.includes(t)), [], 'README links to pages the package lacks');
});
