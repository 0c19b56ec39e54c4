/**
 * Table rows encoded as a trained model's features: the feature names and the categories of
 * each categorical column recorded when the model's table was read (see `./table-dataset.ts`).
 * Numeric columns are found by name, categorical ones are one-hot encoded over the recorded
 * categories (a new table may hold fewer of them, never another), other columns (the target,
 * an identifier) are ignored, and the columns may come in any order.
 */
import { DataFileError } from '../errors.js';
import type { CategoricalColumn } from './loaded-data.js';

/** The features a table was encoded into: their names (`column=category` for one-hot ones) and the categorical columns. */
export interface TableColumns {
  readonly featureNames: readonly string[];
  readonly categorical?: readonly CategoricalColumn[];
}

/** One column of the table, and the recorded categories it is one-hot encoded over (none for a number). */
interface ColumnPlan {
  readonly column: number;
  readonly name: string;
  readonly categories?: readonly string[];
}

/**
 * The rows of `body` as features in the order `columns` records.
 * @param names the table's column names (its header, or `column 0`, `column 1`, ... without one).
 * @param body the data rows.
 * @param where the file's name, put at the start of every error message.
 * @param firstRow the 1-based row number of `body[0]` in the file, or the row number of each of `body`.
 * @throws DataFileError naming the file, and the row and column, for a missing column, a cell that
 *   is not a number in a numeric column, or a category the record does not hold.
 */
export function encodeTableColumns(names: readonly string[], body: readonly (readonly string[])[], where: string, firstRow: number | readonly number[], columns: TableColumns): Float32Array {
  const plan = columnPlan(names, where, columns);
  const features = columns.featureNames.length;
  const x = new Float32Array(body.length * features);
  body.forEach((row, r) => {
    let j = r * features;
    for (const p of plan) {
      const cell = (row[p.column] ?? '').trim();
      const at = `${where}: row ${typeof firstRow === 'number' ? firstRow + r : firstRow[r]}, column ${JSON.stringify(p.name)}`;
      if (p.categories) {
        const k = p.categories.indexOf(cell);
        if (k < 0) throw new DataFileError(`${at}: category ${JSON.stringify(cell)} was not seen in training (known: ${p.categories.join(', ')})`);
        x[j + k] = 1;
        j += p.categories.length;
      } else {
        const v = Number(cell);
        if (cell === '' || !Number.isFinite(v)) throw new DataFileError(`${at}: expected a number, found ${JSON.stringify(cell)}`);
        x[j++] = v;
      }
    }
  });
  return x;
}

/** The table columns of the recorded features, by name. */
function columnPlan(names: readonly string[], where: string, columns: TableColumns): ColumnPlan[] {
  const recorded = columns.featureNames;
  const categorical = columns.categorical ?? [];
  const plan: ColumnPlan[] = [];
  for (let i = 0; i < recorded.length; ) {
    const cat = categorical.find((c) => c.categories.length > 0 && recorded[i] === `${c.name}=${c.categories[0]}` && !names.includes(recorded[i]!));
    const name = cat ? cat.name : recorded[i]!;
    const column = names.indexOf(name);
    if (column < 0) {
      const wanted = [...new Set(plan.map((p) => p.name).concat(name))].join(', ');
      throw new DataFileError(`${where}: no column ${JSON.stringify(name)}; the model takes the columns ${wanted}${recorded.length > i + 1 ? ', ...' : ''} (found ${names.join(', ')})`);
    }
    plan.push(cat ? { column, name, categories: cat.categories } : { column, name });
    i += cat ? cat.categories.length : 1;
  }
  return plan;
}

/**
 * The table columns a saved model's data record holds (`featureNames` and `categorical`), when
 * they are well formed; undefined otherwise (the record is read from a file, as untrusted).
 */
export function recordedTableColumns(record: unknown): TableColumns | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const { featureNames, categorical } = record as { featureNames?: unknown; categorical?: unknown };
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((k) => typeof k === 'string');
  if (!strings(featureNames) || featureNames.length === 0) return undefined;
  if (categorical === undefined) return { featureNames };
  if (!Array.isArray(categorical)) return undefined;
  const ok = categorical.every((c: unknown) => typeof c === 'object' && c !== null && typeof (c as CategoricalColumn).name === 'string' && strings((c as CategoricalColumn).categories) && (c as CategoricalColumn).categories.length > 0);
  return ok ? { featureNames, categorical: categorical as CategoricalColumn[] } : undefined;
}
