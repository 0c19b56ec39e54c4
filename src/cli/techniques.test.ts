/** `noisenet techniques`: every technique listed, and docs/reference/techniques.md is the command's Markdown output. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { TECHNIQUES, parseNoiseSpec } from '../techniques/index.js';
import { runCli } from '../testing/run-cli.js';

test('the listing says what scale input levels assume, and names every technique with its parameters, defaults, paper and a parsable example', async () => {
  const r = await runCli('techniques');
  assert.deepEqual([r.code, r.err], [0, '']);
  assert.match(r.out, /^Levels on the inputs are in the units the model sees: pixels scaled to \[0, 1\] .*--pixels standardize.*\n.*features standardised to mean 0 and variance 1 \(unless --no-standardize\)\.$/m);
  for (const t of TECHNIQUES) {
    const block = r.out.slice(r.out.indexOf(`\n${t.name}: ${t.title} (`));
    assert.ok(block.length < r.out.length, `${t.name} is listed`);
    const own = block.slice(0, block.indexOf('\n\n'));
    for (const p of t.params) assert.match(own, new RegExp(`\\s${p.name}\\s+.*\\(default `), `${t.name} ${p.name}`);
    assert.ok(own.includes(`paper:    ${t.paper}`) && own.includes(`example:  --noise ${t.example}`), own);
    assert.doesNotThrow(() => parseNoiseSpec(t.example));
  }
  assert.match(r.out, /\ndropout: inverted dropout \(noise layer; @input by default, or @hidden, @N\)\n.*\n.*\n {2}params: {3}rate {2}drop probability p \(default 0\.5, \[0, 1\), can anneal\)\n/);
  assert.match(r.out, /\n {2}params: {3}eta {4}noise variance at the first step \(default 0\.3, > 0\)\n/);
});

test('--markdown prints the technique table, and docs/reference/techniques.md and the noise techniques guide hold that output', async () => {
  const r = await runCli('techniques', '--markdown');
  assert.equal(r.code, 0);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines[0], '| spec | what it does | formula | paper | typical settings | Keras | TensorFlow.js | PyTorch |');
  assert.equal(lines.length, TECHNIQUES.length + 2);
  for (const [i, t] of TECHNIQUES.entries()) {
    assert.ok(lines[i + 2]!.startsWith(`| \`${t.example}\` | **${t.title}**: `), lines[i + 2]);
    assert.equal(lines[i + 2]!.split(/(?<!\\)\|/).length, 10, `8 cells in ${lines[i + 2]}`);
  }
  const docs = await readFile(new URL('../../docs/reference/techniques.md', import.meta.url), 'utf8');
  assert.equal(docs, r.out, 'regenerate with: node bin/noisenet.js techniques --markdown > docs/reference/techniques.md');
  const guide = await readFile(new URL('../../docs/guides/noise-techniques.md', import.meta.url), 'utf8');
  assert.ok(guide.includes(r.out.trimEnd()), "the noise techniques guide's table is the command's output (paste docs/reference/techniques.md into it)");
});
