import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NOISENET_VERSION, noisenetVersion } from './version.js';

test('the version is the one in package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(NOISENET_VERSION, pkg.version);
  assert.equal(noisenetVersion(), pkg.version);
});
