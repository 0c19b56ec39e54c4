/**
 * The documentation as tests: every `js` code block of README.md and docs/**\/*.md runs as
 * written, and every relative link (a file, or a `#heading` of a Markdown file) resolves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, normalize, relative } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** README.md and every Markdown file under docs/, as paths relative to the root. */
function markdownFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f))
    .sort();
  return ['README.md', ...docs];
}

/** The fenced code blocks of a Markdown text: the fence's language and the code. */
function codeBlocks(text: string): { lang: string; code: string }[] {
  return [...text.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');
}

/** The anchors of a Markdown text's headings (outside code blocks); repeated headings get -1, -2, ... */
export function headingAnchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of text.replace(/^```[\s\S]*?^```$/gm, '').split('\n')) {
    const heading = /^#{1,6} (.*)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = headingSlug(heading);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/**
 * The broken relative links of the Markdown file `file` (relative to the root): targets that do
 * not exist, or `#anchors` that no heading of the target makes. Links in code are not links.
 */
export function brokenLinks(file: string, read: (path: string) => string | null): string[] {
  const text = read(file) ?? '';
  const prose = text.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
  const broken: string[] = [];
  for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue; // https:, mailto:
    const [path, anchor] = target!.split('#') as [string, string | undefined];
    const resolved = path === '' ? file : normalize(join(dirname(file), path));
    const content = read(resolved);
    if (content === null) broken.push(`${file}: ${target} (no file ${resolved})`);
    else if (anchor && resolved.endsWith('.md') && !headingAnchors(content).has(anchor)) broken.push(`${file}: ${target} (no heading #${anchor} in ${resolved})`);
  }
  return broken;
}

/** A file's text relative to the root, '' for a folder, null when it does not exist. */
function readFromRoot(path: string): string | null {
  const full = join(root, path);
  if (relative(root, full).startsWith('..') || !existsSync(full)) return null;
  try {
    return readFileSync(full, 'utf8');
  } catch {
    return ''; // a folder
  }
}

test('every relative link of the README and of docs/ names a file that exists, and a heading that exists', () => {
  const files = markdownFiles();
  assert.ok(files.length >= 20, `${files.length} Markdown files`);
  assert.deepEqual(files.flatMap((f) => brokenLinks(f, readFromRoot)), []);
});

test('the link check reports a missing file and a missing heading, and accepts links that resolve', () => {
  const pages: Record<string, string> = {
    'docs/a.md': '# Page A\n\n## Saved models: `model.json`\n\nSee [b](b.md), [b#x](b.md#the-end), [c](c.md), [here](#saved-models-modeljson), [gone](#nowhere).\n\n```sh\n[not a link](nowhere.md)\n```\n',
    'docs/b.md': '# B\n\n## The end\n',
  };
  const read = (p: string): string | null => pages[p] ?? null;
  assert.deepEqual(brokenLinks('docs/a.md', read), ['docs/a.md: c.md (no file docs/c.md)', 'docs/a.md: #nowhere (no heading #nowhere in docs/a.md)']);
  assert.deepEqual(brokenLinks('docs/b.md', read), []);
  assert.deepEqual([...headingAnchors('# Run\n## Reproduce\n## Reproduce\n')], ['run', 'reproduce', 'reproduce-1']);
});

test('code blocks are fenced as js (runs in the tests), javascript (runs in a browser page), sh, json, ts, html or plain text (no language, or text)', () => {
  const allowed = new Set(['js', 'javascript', 'sh', 'json', 'ts', 'html', 'text', '']);
  const odd = markdownFiles().flatMap((f) => codeBlocks(readFileSync(join(root, f), 'utf8')).filter((b) => !allowed.has(b.lang)).map((b) => `${f}: \`\`\`${b.lang}`));
  assert.deepEqual(odd, []);
});

test('every js example of the README and of docs/ runs as written', () => {
  const blocks = markdownFiles()
    .flatMap((f) => codeBlocks(readFileSync(join(root, f), 'utf8')).filter((b) => b.lang === 'js').map((b, i) => ({ where: `${f} js block ${i + 1}`, code: b.code })))
    .filter((b) => b.where !== 'README.md js block 1'); // the library example: readme.test.ts runs it and checks its output
  assert.ok(blocks.length >= 9, `${blocks.length} js examples`);
  blocks.forEach(({ where, code }, i) => {
    // In the root, so that `import ... from 'noisenet'` resolves to this package.
    const file = join(root, `.docs-example-${process.pid}-${i}.mjs`);
    writeFileSync(file, code);
    try {
      execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8', stdio: 'pipe', maxBuffer: 1 << 24 });
    } catch (e) {
      const err = e as { stderr?: string };
      assert.fail(`${where} failed:\n${err.stderr ?? String(e)}`);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
