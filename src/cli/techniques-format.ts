/**
 * The technique catalogue as `noisenet techniques` prints it: a plain-text listing, or the
 * technique reference's Markdown table (`--markdown`, written to docs/reference/techniques.md).
 */
import type { NumberRange } from '../validate.js';
import type { Technique, TechniqueParam } from '../techniques/index.js';

const num = (n: number): string => String(Number(n.toPrecision(4)));

/** A parameter's allowed values: `[0, 1)`, `>= 0`, `> 0`, `any number`, `batch | sample`. */
export function describeRange(p: TechniqueParam): string {
  if (p.choices) return p.choices.join(' | ');
  const r: NumberRange = p.range ?? {};
  const kind = r.integer ? 'integer ' : '';
  if (r.min !== undefined && r.max !== undefined) return `${kind}${r.minExclusive ? '(' : '['}${num(r.min)}, ${num(r.max)}${r.maxExclusive ? ')' : ']'}`;
  if (r.min !== undefined) return `${kind}${r.minExclusive ? '>' : '>='} ${num(r.min)}`;
  if (r.max !== undefined) return `${kind}${r.maxExclusive ? '<' : '<='} ${num(r.max)}`;
  return r.integer ? 'any integer' : 'any number';
}

/** Where a technique acts, e.g. `noise layer; @input by default, or @hidden, @N`. */
export function describePlacement(t: Technique): string {
  switch (t.kind) {
    case 'layer':
      return `noise layer; @${t.defaultWhere} by default, or ${['input', 'hidden', 'N'].filter((w) => w !== t.defaultWhere).map((w) => `@${w}`).join(', ')}`;
    case 'weight':
      return `dense weights; @${t.defaultWhere} by default, or ${['all', 'hidden', 'output', 'N'].filter((w) => w !== t.defaultWhere).map((w) => `@${w}`).join(', ')}`;
    case 'optimizer':
      return 'wraps the optimizer';
    case 'loss':
      return 'in the loss';
    case 'label':
      return 'on the labels of training batches';
    case 'data':
      return t.imageOnly ? 'on training batches, images only' : 'on training batches';
    case 'branch':
      return 'residual branches of a graph (--model resnet); @all by default, or @N for block N';
  }
}

const defaultOf = (p: TechniqueParam): string => (typeof p.default === 'number' ? num(p.default) : p.default);

/** The plain-text listing: every technique with parameters, defaults, ranges, description, paper, typical settings and an example. */
export function techniquesText(techniques: readonly Technique[]): string {
  const out: string[] = [
    'Noise techniques for noisenet train --noise SPEC, SPEC = technique[:key=value,...][@where]',
    'Levels on the inputs are in the units the model sees: pixels scaled to [0, 1] (or each channel standardised, with --pixels standardize),',
    'a table\'s features standardised to mean 0 and variance 1 (unless --no-standardize).',
    '',
  ];
  for (const t of techniques) {
    const aliases = t.aliases.length ? `; also ${t.aliases.join(', ')}` : '';
    out.push(`${t.name}: ${t.title} (${describePlacement(t)}${aliases})`, `  ${t.description}`, `  formula:  ${t.formula}`);
    const width = Math.max(...t.params.map((p) => p.name.length));
    t.params.forEach((p, i) => {
      const extra = `default ${defaultOf(p)}, ${describeRange(p)}${p.schedulable ? ', can anneal' : ''}`;
      out.push(`  ${i === 0 ? 'params:  ' : '         '} ${p.name.padEnd(width)}  ${p.description} (${extra})`);
    });
    out.push(`  paper:    ${t.paper}`, `  typical:  ${t.typical}`, `  example:  --noise ${t.example}`, '');
  }
  const hiddenByDefault = techniques.filter((t) => t.kind === 'layer' && t.defaultWhere === 'hidden').map((t) => t.name);
  out.push(
    `@where: noise layers go before the first dense layer (@input, the default${hiddenByDefault.length ? ` but for ${hiddenByDefault.join(', ')}` : ''}), after every hidden layer`,
    '(@hidden) or after hidden layer N (@N, 1-based); weight noise and DropConnect act on dense layers:',
    '@all, @hidden, @output or @N.',
    "Annealing: a value written a->b anneals from a to b: schedule=linear|cosine|exponential|step (default",
    'linear), per=step|epoch (default step), stages=N for step (default 3). Quote such specs in the',
    "shell, e.g. --noise 'gaussian:stddev=0.3->0,schedule=cosine,per=epoch'.",
    '',
    'Scales: a level added to the inputs (gaussian stddev, uniform amplitude, salt-pepper min and max,',
    'masking and cutout zeros) is in the units the model sees: pixels in [0, 1] for images (the built-in',
    'datasets and --data image folders), standardised features (mean 0, variance 1 on the training',
    'split) for --data tables and feature arrays, whose normalization layer comes before the noise, and',
    'the raw values with --no-standardize. gaussian:stddev=0.1 is 10% of the pixel range, but a tenth of',
    "a feature's standard deviation. Dropout, gaussian-dropout and mixup are scale-free; @hidden noise acts",
    "on the hidden layers' activations; weight noise on the weights.",
    '',
  );
  return out.join('\n');
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string): string => `\`${s}\``;

/** The technique reference's table: spec, what it does, formula, paper, typical settings, Keras, TensorFlow.js, PyTorch. */
export function techniquesMarkdown(techniques: readonly Technique[]): string {
  const header = ['spec', 'what it does', 'formula', 'paper', 'typical settings', 'Keras', 'TensorFlow.js', 'PyTorch'];
  const rows = techniques.map((t) => [
    code(t.example),
    `**${t.title}**: ${t.description}`,
    code(t.formula),
    t.paper,
    t.typical,
    t.offeredBy.keras,
    t.offeredBy.tfjs,
    t.offeredBy.pytorch,
  ]);
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line), ''].join('\n');
}
