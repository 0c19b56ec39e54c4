/**
 * Option schemas: each layer, technique, augmentation, optimizer and callback declares its
 * options once, as a {@link Schema} of typed fields with a doc line, a default and a range.
 * The constructor validates through it ({@link parseOptions}), `getConfig` returns what it
 * parsed, and the spec parser, `noisenet techniques`, the technique reference (docs/reference/techniques.md), config files and model
 * files all read the same declaration.
 */
import type { NumberRange } from '../validate.js';
import { invalid } from '../errors.js';

interface FieldBase<T> {
  /** One line for users: what the option does. */
  readonly doc: string;
  /** Value used when the option is absent; absent means optional with no value (or required). */
  readonly default?: T;
  /** Must be given (no default). */
  readonly required?: boolean;
}

/** A finite number in a range. */
export interface NumberField extends FieldBase<number> {
  readonly kind: 'number';
  readonly range?: NumberRange;
}
/** A noise level: a number in a range, or a schedule `{ from, to, ... }` whose ends are in it. */
export interface LevelField extends FieldBase<number> {
  readonly kind: 'level';
  readonly range: NumberRange;
}
/** One of a set of words. */
export interface ChoiceField extends FieldBase<string> {
  readonly kind: 'choice';
  readonly choices: readonly string[];
}
export interface BooleanField extends FieldBase<boolean> {
  readonly kind: 'boolean';
}
export interface StringField extends FieldBase<string> {
  readonly kind: 'string';
}
/** A list of positive integers, e.g. a shape without the batch dimension. */
export interface ShapeField extends FieldBase<readonly number[]> {
  readonly kind: 'shape';
  /** Required length, when fixed (2 for an image's [height, width]). */
  readonly length?: number;
}
/** A nested options object with its own schema, e.g. Dense's `weightNoise: { stddev }`. */
export interface ObjectField extends FieldBase<Record<string, unknown>> {
  readonly kind: 'object';
  readonly fields: Schema;
}
/** A value checked by its own function (objects such as a wrapped optimizer, or callbacks). */
export interface CustomField extends FieldBase<unknown> {
  readonly kind: 'custom';
  /** What the value must be, for messages. */
  readonly expected: string;
  /** Returns the value (possibly normalised) or throws a one-line InvalidArgumentError. */
  readonly check: (where: string, path: string, value: unknown) => unknown;
}

export type Field = NumberField | LevelField | ChoiceField | BooleanField | StringField | ShapeField | ObjectField | CustomField;

/**
 * The schema of an options type `O`: one field for every key of `O`, no more, so the compiler
 * checks that the declaration and the TypeScript interface agree.
 */
export type Schema<O = Record<string, unknown>> = { readonly [K in keyof O]-?: Field };

type Extra<F> = Omit<F, 'kind' | 'doc'>;

/** A number field. */
export const number = (doc: string, extra: Extra<NumberField> = {}): NumberField => ({ kind: 'number', doc, ...extra });
/** An integer field (a number with `integer: true`). */
export const integer = (doc: string, extra: Extra<NumberField> = {}): NumberField => ({ kind: 'number', doc, ...extra, range: { ...extra.range, integer: true } });
/** A noise level field: a constant or an annealed schedule. */
export const level = (doc: string, range: NumberRange, extra: Omit<Extra<LevelField>, 'range'> = {}): LevelField => ({ kind: 'level', doc, range, ...extra });
/** A choice among words. */
export const choice = (doc: string, choices: readonly string[], extra: Omit<Extra<ChoiceField>, 'choices'> = {}): ChoiceField => ({ kind: 'choice', doc, choices, ...extra });
export const boolean = (doc: string, extra: Extra<BooleanField> = {}): BooleanField => ({ kind: 'boolean', doc, ...extra });
export const string = (doc: string, extra: Extra<StringField> = {}): StringField => ({ kind: 'string', doc, ...extra });
export const shape = (doc: string, extra: Extra<ShapeField> = {}): ShapeField => ({ kind: 'shape', doc, ...extra });
export const object = (doc: string, fields: Schema, extra: Omit<Extra<ObjectField>, 'fields'> = {}): ObjectField => ({ kind: 'object', doc, fields, ...extra });
export const custom = (doc: string, expected: string, check: CustomField['check'], extra: Omit<Extra<CustomField>, 'expected' | 'check'> = {}): CustomField => ({ kind: 'custom', doc, expected, check, ...extra });

/** A function option (a callback, a clock), `expected` describing its signature: `a function (text) => void`. */
export const func = (doc: string, expected: string, extra: Omit<Extra<CustomField>, 'expected' | 'check'> = {}): CustomField =>
  custom(doc, expected, (where, path, value) => {
    if (typeof value !== 'function') throw invalid(where, path, expected, value);
    return value;
  }, extra);

/** The range of every drop or corruption rate: [0, 1). */
export const RATE = { min: 0, max: 1, maxExclusive: true } as const;

/** The optional `name` every layer takes. */
export const NAME = string('layer name, unique in the model; default from the class name');
