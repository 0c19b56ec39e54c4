/** docs/reference/corruptions.md holds what the corruptions' declarations generate. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { CORRUPTIONS } from './catalogue.js';
import { corruptionsMarkdown } from './corruptions-markdown.js';

test('the committed corruption reference ends with the table and sections the declarations generate', async () => {
  const committed = await readFile(new URL('../../docs/reference/corruptions.md', import.meta.url), 'utf8');
  const generated = corruptionsMarkdown(CORRUPTIONS);
  assert.ok(committed.endsWith(`\n${generated}`), 'regenerate the part after the introduction with: noisenet corrupt --list');
  for (const c of CORRUPTIONS) {
    assert.ok(generated.includes(`\n### ${c.name}\n`), c.name);
    if (c.benchmarkSeverity !== null) assert.ok(generated.includes(`The benchmark applies severity ${c.benchmarkSeverity}.`), c.name);
  }
});
