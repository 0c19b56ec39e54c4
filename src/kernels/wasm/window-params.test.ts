/** The geometry block's slot indexes are written twice (TypeScript and AssemblyScript): they must agree. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as params from './window-params.js';

const assemblyFile = fileURLToPath(new URL('../../../assembly/window-params.ts', import.meta.url));

test('the TypeScript slot indexes of the geometry block equal the kernels\' own', () => {
  const kernels = Object.fromEntries([...readFileSync(assemblyFile, 'utf8').matchAll(/^export const (\w+) = (\d+);$/gm)].map((m) => [m[1]!, Number(m[2])]));
  const ours = Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'number'));
  assert.ok(Object.keys(ours).length >= 20, 'the TypeScript side exports its slot indexes');
  for (const [name, index] of Object.entries(ours)) assert.equal(kernels[name], index, `slot ${name}`);
});
