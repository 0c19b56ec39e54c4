/** `noisenet techniques`: the noise technique catalogue, as text or as the Markdown table of docs/reference/techniques.md. */
import { TECHNIQUES } from '../../techniques/index.js';
import { defineCommand } from '../options.js';
import { techniquesMarkdown, techniquesText } from '../techniques-format.js';

export const techniques = defineCommand({
  name: 'techniques',
  summary: 'list the noise techniques for train --noise, with parameters and examples',
  description:
    'Lists every noise technique noisenet train --noise accepts: its parameters with defaults and\nranges, what it does, the formula, the paper, typical settings and an example spec.',
  options: {
    markdown: { type: 'boolean', help: 'print the Markdown table of the technique reference instead (docs/reference/techniques.md)' },
  },
  async run(v, ctx) {
    ctx.stdout.write(v.markdown ? techniquesMarkdown(TECHNIQUES) : techniquesText(TECHNIQUES));
  },
});
