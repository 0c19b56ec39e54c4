/**
 * A dataset from rows of table cells (see `./csv.ts`): a header row detected or given,
 * scikit-learn's own layout recognised (a first line `n_samples,n_features,class names...`),
 * a target column by name or index (the last by default), numeric feature columns as they are,
 * non-numeric ones one-hot encoded with their categories recorded, class labels mapped to
 * indices with their names recorded (sorted: numerically when they are numbers).
 */
import { DataFileError, invalid } from '../errors.js';
import { checkOptionKeys } from '../schema/option-keys.js';
import { REGRESSION_ADVICE, type CategoricalColumn, type DataTask, type LoadedData } from './loaded-data.js';
import { encodeTableColumns, type TableColumns } from './table-columns.js';

/** A column by its header name or by its index (0 first, -1 last). */
export type ColumnRef = string | number;

/** Options of {@link tableDataset}. */
export interface TableOptions {
  /** Whether the first row names the columns; detected when omitted (a row of non-numeric cells above numeric rows). */
  readonly header?: boolean;
  /** The target column; default the last. */
  readonly target?: ColumnRef;
  /** Feature columns to use; default every column but the target. */
  readonly features?: readonly ColumnRef[];
  /** Feature columns to leave out (an identifier, say). */
  readonly exclude?: readonly ColumnRef[];
  /**
   * `classification` (default): the target holds class labels; a target that looks continuous
   * (non-integer numbers, or more than `maxClasses` distinct values) is refused. `regression`:
   * the target is read as numbers. `auto`: regression when the target looks continuous.
   */
  readonly task?: DataTask | 'auto';
  /** The most classes a classification target may have; default 100. */
  readonly maxClasses?: number;
  /** Refuse a classification target of fewer classes than this: 2 (default) to train; 1 to measure a trained model on rows of one of its classes. */
  readonly minClasses?: 1 | 2;
  /**
   * Encode the features as a trained model's table was (its record's `featureNames` and
   * `categorical`): columns found by name in any order, categorical ones one-hot over the
   * recorded categories (fewer are fine, an unknown one is refused); `features` and `exclude`
   * are then not used.
   */
  readonly columns?: TableColumns;
  /**
   * The file's line number of each of `rows` (`parseCsv(...).lines`), so that errors name the row
   * as the file counts them (blank lines included); without it rows are counted from 1 as given.
   */
  readonly lines?: readonly number[];
}

/** A table's features, their names and its categorical columns. */
interface EncodedFeatures {
  readonly x: Float32Array;
  readonly featureNames: string[];
  readonly categorical: CategoricalColumn[];
}

const OPTION_KEYS = ['header', 'target', 'features', 'exclude', 'task', 'maxClasses', 'minClasses', 'columns', 'lines'] satisfies (keyof TableOptions)[];

/**
 * The dataset of a table's rows, every sample in `train` and `test` null (see `withValidationSplit`).
 * @param rows the cells, e.g. `parseCsv(bytes, where).rows`.
 * @param where the file's name, put at the start of every error message.
 * @throws DataFileError naming the file, the row (1-based, as the file counts them) and the column
 *   for ragged rows, empty cells, a stray non-numeric value in a numeric column, a missing target
 *   column (the columns are listed), a target with one class only, or one that looks continuous.
 */
export function tableDataset(rows: readonly (readonly string[])[], where: string, options: TableOptions = {}): LoadedData {
  checkOptionKeys('tableDataset', options, OPTION_KEYS);
  const maxClasses = options.maxClasses ?? 100;
  if (!Number.isInteger(maxClasses) || maxClasses < 2) throw invalid('tableDataset', 'maxClasses', 'an integer of at least 2', maxClasses);
  const task = options.task ?? 'classification';
  if (!['classification', 'regression', 'auto'].includes(task)) throw invalid('tableDataset', 'task', "'classification', 'regression' or 'auto'", task);
  let first = 0; // index of the first row after any sklearn count line and header
  let classNames: string[] | undefined;
  const sk = sklearnCountLine(rows);
  if (sk) {
    first = 1;
    classNames = sk.classNames;
  }
  const header = options.header ?? looksLikeHeader(rows, first);
  const width = (rows[first + (header ? 1 : 0)] ?? rows[first] ?? []).length;
  const names = header ? rows[first]!.map((c, i) => c.trim() || `column ${i}`) : Array.from({ length: width }, (_, i) => `column ${i}`);
  if (header) first++;
  const body = rows.slice(first);
  /** The file's row number of `body[r]`. */
  const rowNo = (r: number): number => options.lines?.[first + r] ?? first + r + 1;
  if (body.length === 0) throw new DataFileError(`${where}: no data rows${header ? ' after the header' : ''}`);
  body.forEach((row, r) => {
    if (row.length !== names.length) {
      throw new DataFileError(`${where}: row ${rowNo(r)} has ${row.length} fields, expected ${names.length} as ${header ? 'the header has' : 'the first row has'}`);
    }
  });
  const cell = (r: number, c: number): string => {
    const v = body[r]![c]!.trim();
    if (v === '') throw new DataFileError(`${where}: row ${rowNo(r)}, column '${names[c]}': empty cell`);
    return v;
  };
  const targetIndex = columnIndex(options.target ?? -1, names, where, 'target');
  const chosen = options.columns ? [] : (options.features?.map((f) => columnIndex(f, names, where, 'feature')) ?? names.map((_, i) => i).filter((i) => i !== targetIndex));
  const excluded = new Set((options.columns ? [] : (options.exclude ?? [])).map((f) => columnIndex(f, names, where, 'excluded')));
  if (!options.columns && (excluded.has(targetIndex) || (options.features && chosen.includes(targetIndex)))) {
    throw new DataFileError(`${where}: '${names[targetIndex]}' is the target column; the features/exclude lists name feature columns only`);
  }
  const featureColumns = chosen.filter((i) => !excluded.has(i) && i !== targetIndex);
  if (names.length === 1) {
    throw new DataFileError(`${where}: one column only ('${names[0]}'): a table needs a target and at least one feature column; if its fields are separated by something other than a comma, semicolon, tab or bar, give the delimiter`);
  }
  if (!options.columns && featureColumns.length === 0) throw new DataFileError(`${where}: no feature column left besides the target '${names[targetIndex]}'`);
  const count = body.length;
  const encoded = options.columns ? recordedColumns(names, body, where, body.map((_, r) => rowNo(r)), targetIndex, options.columns) : encodeColumns(names, featureColumns, count, where, rowNo, cell);
  const { x, featureNames, categorical } = encoded;
  const features = featureNames.length;

  const targets = Array.from({ length: count }, (_, r) => cell(r, targetIndex));
  const targetName = names[targetIndex]!;
  const common = { kind: 'table' as const, source: `table ${where}`, sampleShape: [features], xScale: 1, test: null, featureNames, categorical, preprocessing: [] as string[], warnings: [] as string[] };
  const numeric = targets.map(Number);
  const allNumeric = numeric.every(Number.isFinite);
  const distinct = new Set(targets).size;
  const continuous = allNumeric && (distinct > maxClasses || numeric.some((v) => !Number.isInteger(v)));
  if (task === 'regression' || (task === 'auto' && continuous)) {
    const bad = numeric.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new DataFileError(`${where}: row ${rowNo(bad)}, column '${targetName}': non-numeric value ${JSON.stringify(targets[bad])} in a regression target`);
    return { ...common, task: 'regression', classes: [], train: { x, y: Float32Array.from(numeric), count } };
  }
  if (!allNumeric && distinct > maxClasses) {
    throw new DataFileError(`${where}: target column '${targetName}' has ${distinct} distinct labels, more than the ${maxClasses} classes a target may have; a column of identifiers or free text is likely the wrong target: name the target column`);
  }
  if (continuous || distinct > maxClasses) {
    const what = `${distinct} distinct numeric values${numeric.some((v) => !Number.isInteger(v)) ? ', not all integers' : ''}`;
    throw new DataFileError(`${where}: target column '${targetName}' has ${what}: it looks like a regression target, not classes (at most ${maxClasses}; ${REGRESSION_ADVICE} to read it as one)`);
  }
  if (distinct < (options.minClasses === 1 ? 1 : 2)) throw new DataFileError(`${where}: target column '${targetName}' has one class only (${JSON.stringify(targets[0])}); classification needs at least 2`);
  const labels = [...new Set(targets)].sort(allNumeric ? (a, b) => Number(a) - Number(b) : undefined);
  const index = new Map(labels.map((k, i) => [k, i]));
  const y = Int32Array.from(targets, (t) => index.get(t)!);
  const classes = classNames && allNumeric && labels.every((l) => Number.isInteger(Number(l)) && Number(l) >= 0 && Number(l) < classNames!.length)
    ? labels.map((l) => classNames![Number(l)]!)
    : labels;
  return { ...common, task: 'classification', classes, train: { x, y, count } };
}

/** scikit-learn's count line: `n_samples,n_features[,class names...]` above the data (and a header, for Boston). */
function sklearnCountLine(rows: readonly (readonly string[])[]): { classNames?: string[] } | null {
  const line = rows[0];
  const next = rows[1];
  if (!line || !next || line.length < 2) return null;
  const [n, f] = [Number(line[0]), Number(line[1])];
  if (!Number.isInteger(n) || !Number.isInteger(f) || f !== next.length - 1) return null;
  if (n !== rows.length - 1 && n !== rows.length - 2) return null;
  const names = line.slice(2).map((s) => s.trim());
  return names.length > 0 && names.every((s) => s !== '') ? { classNames: names } : {};
}

/** A first row of non-empty, non-numeric cells, above a row where some of those columns are numeric. */
function looksLikeHeader(rows: readonly (readonly string[])[], first: number): boolean {
  const row = rows[first];
  const next = rows[first + 1];
  if (!row || !row.every((c) => c.trim() !== '' && !Number.isFinite(Number(c)))) return false;
  if (!next) return true;
  if (next.some((c) => c.trim() !== '' && Number.isFinite(Number(c)))) return true;
  // An all-text table: a header when none of its names recurs in its column.
  return row.every((name, c) => !rows.slice(first + 1).some((r) => r[c] === name));
}

function columnIndex(ref: ColumnRef, names: readonly string[], where: string, role: string): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref >= names.length || ref < -names.length) {
      throw new DataFileError(`${where}: ${role} column index ${ref} is out of range: the table has ${names.length} columns (0 to ${names.length - 1}, or -1 for the last)`);
    }
    return ref < 0 ? names.length + ref : ref;
  }
  const i = names.indexOf(ref);
  if (i < 0) throw new DataFileError(`${where}: ${role} column '${ref}' not found; the columns are ${names.map((n) => `'${n}'`).join(', ')}`);
  return i;
}

/** The features of a table's rows and their names: numeric columns as they are, others one-hot over their categories. */
function encodeColumns(names: readonly string[], featureColumns: readonly number[], count: number, where: string, rowNo: (r: number) => number, cell: (r: number, c: number) => string): EncodedFeatures {
  const columns: { values: Float64Array | null; categories?: string[]; codes?: Int32Array }[] = [];
  const featureNames: string[] = [];
  const categorical: CategoricalColumn[] = [];
  for (const c of featureColumns) {
    const text = Array.from({ length: count }, (_, r) => cell(r, c));
    const numbers = text.map(Number);
    const bad = numbers.flatMap((v, r) => (Number.isFinite(v) ? [] : [r]));
    if (bad.length === 0) {
      columns.push({ values: Float64Array.from(numbers) });
      featureNames.push(names[c]!);
    } else if (bad.length <= count / 10) {
      const r = bad[0]!;
      throw new DataFileError(`${where}: row ${rowNo(r)}, column '${names[c]}': non-numeric value ${JSON.stringify(text[r])} in a numeric column`);
    } else {
      const categories = [...new Set(text)].sort();
      const index = new Map(categories.map((k, i) => [k, i]));
      columns.push({ values: null, categories, codes: Int32Array.from(text, (t) => index.get(t)!) });
      categorical.push({ name: names[c]!, categories });
      featureNames.push(...categories.map((k) => `${names[c]}=${k}`));
    }
  }
  const features = featureNames.length;
  const x = new Float32Array(count * features);
  let offset = 0;
  for (const col of columns) {
    for (let r = 0; r < count; r++) {
      if (col.values) x[r * features + offset] = col.values[r]!;
      else x[r * features + offset + col.codes![r]!] = 1;
    }
    offset += col.values ? 1 : col.categories!.length;
  }
  return { x, featureNames, categorical };
}

/** The features of a table's rows encoded as `columns` records; the target column must not be one of them. */
function recordedColumns(names: readonly string[], body: readonly (readonly string[])[], where: string, firstRow: number | readonly number[], targetIndex: number, columns: TableColumns): EncodedFeatures {
  const target = names[targetIndex]!;
  if (columns.featureNames.includes(target) || columns.categorical?.some((c) => c.name === target)) {
    throw new DataFileError(`${where}: the target column '${target}' is one of the model's feature columns; name the target column`);
  }
  const categorical = (columns.categorical ?? []).map((c) => ({ name: c.name, categories: [...c.categories] }));
  return { x: encodeTableColumns(names, body, where, firstRow, columns), featureNames: [...columns.featureNames], categorical };
}
