/**
 * A table file's bytes as CSV or TSV rows: `.csv`, `.tsv` and `.txt` files, and the same
 * gzip-compressed (`.csv.gz`, as scikit-learn ships its digits), inflated up to a ceiling so that
 * a small file that inflates to gigabytes (a gzip bomb) is refused (see `./zip.ts`).
 * Web-standard, no Node APIs.
 */
import { invalid } from '../errors.js';
import { type CsvRows, parseCsv } from './csv.js';
import { gunzipBounded } from './zip.js';

/** The file name endings read as tables. */
export const TABLE_EXTENSIONS = ['.csv', '.tsv', '.txt', '.csv.gz', '.tsv.gz', '.txt.gz'] as const;

/** The most bytes a gzipped table inflates to by default: 512 MiB, about the longest text a JavaScript engine holds. */
export const MAX_TABLE_BYTES = 2 ** 29;

/** Options of {@link readTableFile}. */
export interface TableFileOptions {
  /** The field delimiter; a tab for `.tsv` files, else detected. */
  readonly delimiter?: string | undefined;
  /** Gzipped tables: refuse one that inflates to more bytes than this (default {@link MAX_TABLE_BYTES}). */
  readonly maxBytes?: number | undefined;
}

/** Whether `name` is a table file (see {@link TABLE_EXTENSIONS}). */
export function isTableFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return TABLE_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** The delimiter a file's name implies: a tab for `.tsv` and `.tsv.gz`, else none (detected). */
export function tableDelimiter(name: string): string | undefined {
  return /\.tsv(\.gz)?$/i.test(name) ? '\t' : undefined;
}

/**
 * The rows of a table file, gunzipped first when its name ends in `.gz` or its bytes start with
 * the gzip magic.
 * @throws DataFileError naming the file for corrupt or truncated gzip data, gzip data that
 *   inflates to more than `maxBytes`, or anything {@link parseCsv} refuses.
 */
export function readTableFile(bytes: Uint8Array, name: string, options: TableFileOptions = {}): CsvRows {
  const maxBytes = options.maxBytes ?? MAX_TABLE_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw invalid('readTableFile', 'maxBytes', 'a positive integer', maxBytes);
  const gzip = /\.gz$/i.test(name) || (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b);
  const text = gzip ? gunzipBounded(bytes, name, maxBytes) : bytes;
  const delimiter = options.delimiter ?? tableDelimiter(name);
  return parseCsv(text, name, delimiter === undefined ? {} : { delimiter });
}
