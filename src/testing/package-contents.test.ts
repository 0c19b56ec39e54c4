/** What `npm publish` would ship: the compiled library, the kernels, the CLI and mnist-mini, and no test code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the package holds the entries, the kernels, the CLI, mnist-mini and the notices of the bundled packages, and no test file or test helper', () => {
  // --ignore-scripts: packing must not run `prepack` (a rebuild) under the running tests.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  const files = pack!.files.map((f) => f.path);
  const bundled = ['dist/browser/noisenet-embedded.js', 'dist/browser/mnist-mini/mnist-mini-images-idx3-ubyte.gz', 'dist/browser/mnist-mini/mnist-mini-labels-idx1-ubyte.gz', 'dist/THIRD-PARTY-NOTICES.md'];
  for (const required of ['dist/index.js', 'dist/index.d.ts', 'dist/node.js', 'dist/node.d.ts', 'dist/kernels.wasm', 'bin/noisenet.js', 'package.json', 'README.md', ...bundled]) {
    assert.ok(files.includes(required), `${required} is missing from the package`);
  }
  assert.deepEqual(files.filter((f) => /\.test\./.test(f)), [], 'test files in the package');
  assert.deepEqual(files.filter((f) => f.startsWith('dist/testing/')), [], 'test helpers in the package');
  assert.deepEqual(files.filter((f) => !/^(dist\/|bin\/|package\.json$|README\.md$|LICENSE)/.test(f)), [], 'files outside dist/ and bin/');
});
