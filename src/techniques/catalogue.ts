/**
 * The technique catalogue as the spec parser, `noisenet techniques` and the docs read it:
 * every entry derived from a technique's one declaration (see src/registry), its parameters
 * from the options of the layer, optimizer or augmentation it applies.
 */
import type { NumberRange } from '../validate.js';
import type { Field, Schema } from '../schema/fields.js';
import type { OfferedBy, SpecWhere, TechniqueDefinition, TechniqueKind } from '../parts/definitions.js';
import { TECHNIQUE_DEFINITIONS } from '../registry/catalogue.js';

export type { SpecWhere, TechniqueKind };

export interface TechniqueParam {
  readonly name: string;
  readonly description: string;
  /** Value used when the spec does not give one. */
  readonly default: number | string;
  /** Allowed numbers; absent for parameters with `choices`. */
  readonly range?: NumberRange;
  /** Allowed words, for non-numeric parameters. */
  readonly choices?: readonly string[];
  /** Whether the value may be annealed, written `from->to` in a spec. */
  readonly schedulable: boolean;
}

export interface Technique {
  /** Name in specs, e.g. `gaussian-dropout`. */
  readonly name: string;
  /** Other accepted spellings. */
  readonly aliases: readonly string[];
  readonly kind: TechniqueKind;
  /** A spec using it, e.g. `dropout:rate=0.5@hidden`. */
  readonly example: string;
  /** Human-readable name. */
  readonly title: string;
  /** The library call, e.g. `gaussianDropout({ rate })`. */
  readonly api: string;
  readonly params: readonly TechniqueParam[];
  readonly description: string;
  readonly formula: string;
  readonly paper: string;
  /** Settings commonly used, with their source when the paper gives them. */
  readonly typical: string;
  /** What the other libraries ship ("-" when nothing). */
  readonly offeredBy: OfferedBy;
  /** Needs image inputs (height and width). */
  readonly imageOnly: boolean;
  /** Default `@where` for layer and weight techniques; null when a spec takes no `@where`. */
  readonly defaultWhere: SpecWhere | null;
  /** The declaration it is derived from. */
  readonly definition: TechniqueDefinition;
}

/** Options of a target that are not spec parameters. */
const NOT_PARAMS = new Set(['name', 'shape', 'seed', 'optimizer']);

/** The spec parameters of a technique, as a schema: its own, or its target's options. */
export function specSchema(d: TechniqueDefinition): Schema {
  if (d.params) return d.params;
  const t = d.target;
  const options = (t.kind === 'layer' ? t.layer.options : t.kind === 'optimizer' ? t.wrapper.options : t.kind === 'data' || t.kind === 'label' ? t.augmentation.options : {}) as Schema;
  return Object.fromEntries(Object.entries(options).filter(([k]) => !NOT_PARAMS.has(k)));
}

function param(name: string, f: Field): TechniqueParam {
  const base = { name, description: f.doc, schedulable: f.kind === 'level' };
  if (f.kind === 'choice') return { ...base, default: f.default ?? f.choices[0]!, choices: f.choices };
  if (f.kind !== 'number' && f.kind !== 'level') throw new TypeError(`technique parameter '${name}' must be a number, level or choice field`);
  return { ...base, default: f.default ?? 0, range: f.range ?? {} };
}

function describe(d: TechniqueDefinition): Technique {
  const t = d.target;
  const params = Object.entries(specSchema(d)).map(([k, f]) => param(k, f));
  const factory = t.kind === 'layer' || t.kind === 'branch' ? t.layer.factory : t.kind === 'data' || t.kind === 'label' ? t.augmentation.factory : t.kind === 'optimizer' ? t.wrapper.factory : '';
  return {
    name: d.name,
    aliases: d.aliases,
    kind: t.kind,
    example: d.example,
    title: d.title,
    api: d.api ?? `${factory}({ ${params.map((p) => p.name).join(', ')} })`,
    params,
    description: d.description,
    formula: d.formula,
    paper: d.paper,
    typical: d.typical,
    offeredBy: d.offeredBy,
    imageOnly: d.imageOnly ?? false,
    defaultWhere: t.kind === 'layer' || t.kind === 'weight' || t.kind === 'branch' ? t.defaultWhere : null,
    definition: d,
  };
}

/** Every technique, in the order `noisenet techniques` lists them. */
export const TECHNIQUES: readonly Technique[] = TECHNIQUE_DEFINITIONS.map(describe);

/** The technique called `name` (or one of its aliases), or undefined. */
export function findTechnique(name: string): Technique | undefined {
  const n = name.toLowerCase();
  return TECHNIQUES.find((t) => t.name === n || t.aliases.includes(n));
}
