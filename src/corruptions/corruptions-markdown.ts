/** The corruption reference (docs/reference/corruptions.md's body), written from the declarations. */
import type { Corruption } from './corruption.js';

/** A table of the corruptions (name, what it does, severities, the benchmark's severity), then a section per corruption. */
export function corruptionsMarkdown(corruptions: readonly Corruption[]): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const lines = [
    '| corruption | what it does | severity 1 to 5 | MNIST-C severity |',
    '|---|---|---|---|',
    ...corruptions.map((c) => `| [\`${c.name}\`](#${c.name}) | ${cell(c.summary)} | ${c.levelDocs ? cell(c.levelDocs.join('; ')) : 'none (the same at every severity)'} | ${c.benchmarkSeverity ?? '-'} |`),
    '',
  ];
  for (const c of corruptions) {
    lines.push(`### ${c.name}`, '', `${c.summary.charAt(0).toUpperCase()}${c.summary.slice(1)}.`, '', c.details, '');
    if (c.levelDocs) {
      lines.push(`Severities: ${c.levelDocs.map((l, i) => `${i + 1}: ${l}`).join('; ')}. The benchmark applies severity ${c.benchmarkSeverity}.`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
