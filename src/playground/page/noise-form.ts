/**
 * The noise part of the settings form, generated from the technique catalogue: for each of the
 * two slots a choice of technique, one field per parameter (its default, range and description
 * from the technique's declaration), its placement, and the resulting `--noise` spec.
 */
import { TECHNIQUES, findTechnique, parseNoiseSpec, type Technique, type TechniqueParam } from '../../techniques/index.js';
import type { NoiseLevel } from '../../schema/noise-schedule.js';
import { el } from './dom.js';

const NONE = '';

function rangeText(p: TechniqueParam): string {
  if (p.choices) return `one of ${p.choices.join(', ')}`;
  const r = p.range ?? {};
  const lo = r.min === undefined ? '' : `${r.minExclusive ? '>' : '≥'} ${r.min}`;
  const hi = r.max === undefined ? '' : `${r.maxExclusive ? '<' : '≤'} ${r.max}`;
  const kind = r.integer ? 'an integer' : 'a number';
  return [kind, [lo, hi].filter(Boolean).join(' and ')].filter(Boolean).join(' ') + (p.schedulable ? "; 'from->to' anneals it" : '');
}

function levelText(v: NoiseLevel | string): string {
  return typeof v === 'object' ? `${v.from}->${v.to}` : String(v);
}

/** The words a technique's placement may take, for a model with `hidden` hidden layers. */
function placements(t: Technique, hidden: number): string[] {
  if (t.defaultWhere === null) return [];
  const words = t.kind === 'layer' ? ['input', 'hidden'] : ['all', 'hidden', 'output'];
  return [...words, ...Array.from({ length: hidden }, (_, i) => String(i + 1))];
}

const WHERE_LABEL: Record<string, string> = { input: 'on the inputs', hidden: 'after every hidden layer', all: 'every weight layer', output: 'the output layer' };

/** One slot: a technique and its parameters. */
class NoiseSlot {
  readonly root: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly fields: HTMLElement;
  private readonly about: HTMLElement;
  private readonly preview: HTMLElement;
  private inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  private where: HTMLSelectElement | null = null;
  /** Schedule keys (`schedule=cosine,per=epoch`) of a spec read from a link, kept for annealed values. */
  private scheduleKeys = '';

  constructor(index: number, optional: boolean, private readonly hidden: number, private readonly onChange: () => void) {
    const id = `noise-${index}`;
    this.select = el('select', { id, name: id });
    if (optional) this.select.append(el('option', { value: NONE }, 'none'));
    for (const t of TECHNIQUES) this.select.append(el('option', { value: t.name }, `${t.title} (${t.name})`));
    this.fields = el('div', { class: 'fields' });
    this.about = el('p', { class: 'about' });
    this.preview = el('p', { class: 'about' });
    this.root = el('div', { class: 'slot', 'data-slot': String(index) }, el('label', {}, `Technique ${index}${optional ? ' (optional)' : ''}`, this.select), this.about, this.fields, this.preview);
    this.select.addEventListener('change', () => {
      this.scheduleKeys = '';
      this.render(null);
      this.onChange();
    });
  }

  /** Shows `spec` (or no technique). */
  set(spec: string | null): void {
    if (spec === null) {
      this.select.value = this.select.options[0]!.value;
      this.render(null);
      return;
    }
    const parsed = parseNoiseSpec(spec);
    this.select.value = parsed.technique.name;
    const m = /(?:^|,)((?:schedule|per|stages)=[^,@]+(?:,(?:schedule|per|stages)=[^,@]+)*)/.exec(spec.split(':').slice(1).join(':').split('@')[0] ?? '');
    this.scheduleKeys = m ? m[1]! : '';
    this.render(parsed);
  }

  private render(parsed: ReturnType<typeof parseNoiseSpec> | null): void {
    const t = findTechnique(this.select.value);
    this.inputs = new Map();
    this.where = null;
    this.fields.replaceChildren();
    if (!t) {
      this.about.textContent = 'No second technique.';
      this.preview.replaceChildren();
      return;
    }
    this.about.textContent = `${t.description} Paper: ${t.paper}. Typical: ${t.typical}.`;
    for (const p of t.params) {
      const id = `${this.select.id}-${p.name}`;
      const value = parsed ? levelText(parsed.params[p.name]!) : String(p.default);
      let input: HTMLInputElement | HTMLSelectElement;
      if (p.choices) {
        input = el('select', { id, name: id });
        for (const c of p.choices) input.append(el('option', { value: c }, c));
      } else input = el('input', { id, name: id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false' });
      input.value = value;
      input.title = `${p.description} (${rangeText(p)}; default ${p.default})`;
      input.addEventListener('input', () => this.onChange());
      input.addEventListener('change', () => this.onChange());
      this.inputs.set(p.name, input);
      this.fields.append(el('label', { for: id }, `${p.name}: ${p.description}`, input), el('p', { class: 'hint' }, `${rangeText(p)}; default ${p.default}`));
    }
    const words = placements(t, this.hidden);
    if (words.length > 0) {
      const id = `${this.select.id}-where`;
      this.where = el('select', { id, name: id });
      for (const w of words) this.where.append(el('option', { value: w }, WHERE_LABEL[w] ?? `after hidden layer ${w}`));
      this.where.value = String(parsed?.where ?? t.defaultWhere);
      this.where.addEventListener('change', () => this.onChange());
      this.fields.append(el('label', { for: id }, 'Where', this.where));
    }
    this.update();
  }

  /** The slot's spec (null for none), as typed; not yet validated. */
  spec(): string | null {
    const t = findTechnique(this.select.value);
    if (!t) return null;
    const params = t.params.map((p) => `${p.name}=${(this.inputs.get(p.name)?.value ?? '').trim()}`);
    const annealed = params.some((p) => p.includes('->'));
    const keys = annealed && this.scheduleKeys ? [this.scheduleKeys] : [];
    const where = this.where && this.where.value !== String(t.defaultWhere) ? `@${this.where.value}` : '';
    return `${t.name}${params.length + keys.length ? `:${[...params, ...keys].join(',')}` : ''}${where}`;
  }

  /** Validates the spec, marking the fields; returns the problem or null. */
  update(): string | null {
    const spec = this.spec();
    for (const input of this.inputs.values()) input.removeAttribute('aria-invalid');
    if (spec === null) return null;
    try {
      parseNoiseSpec(spec);
      this.preview.replaceChildren('spec: ', el('code', {}, spec));
      return null;
    } catch (e) {
      const message = (e as Error).message;
      for (const [name, input] of this.inputs) if (message.includes(`: ${name} must`) || message.includes(`'${name}'`)) input.setAttribute('aria-invalid', 'true');
      this.preview.replaceChildren(el('span', { class: 'error' }, message));
      return message;
    }
  }
}

/** Both slots. */
export class NoiseForm {
  private readonly slots: NoiseSlot[];

  constructor(host: HTMLElement, hidden: number, onChange: () => void) {
    this.slots = [new NoiseSlot(1, false, hidden, onChange), new NoiseSlot(2, true, hidden, onChange)];
    host.replaceChildren(...this.slots.map((s) => s.root));
  }

  set(specs: readonly string[]): void {
    this.slots.forEach((s, i) => s.set(specs[i] ?? null));
  }

  /** The specs of the chosen techniques, in slot order. */
  specs(): string[] {
    return this.slots.map((s) => s.spec()).filter((s): s is string => s !== null);
  }

  /** Problems of the slots' specs. */
  problems(): string[] {
    return this.slots.map((s) => s.update()).filter((p): p is string => p !== null);
  }
}
