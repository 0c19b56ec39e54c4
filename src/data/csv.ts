/**
 * CSV and TSV text as rows of cells, through papaparse (RFC 4180: quoted fields, escaped quotes,
 * CRLF). The delimiter is detected among `,` `;` tab and `|` unless given. Web-standard: bytes
 * are decoded as UTF-8 with `TextDecoder`, a byte-order mark dropped.
 */
import Papa from 'papaparse';
import { DataFileError, invalid } from '../errors.js';

/** Delimiters {@link parseCsv} tries, in this order, when none is given. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

/** Options of {@link parseCsv}. */
export interface CsvParseOptions {
  /** The field delimiter; detected among {@link CSV_DELIMITERS} when omitted. */
  readonly delimiter?: string;
}

/** Rows of cells, as they are in the file (blank lines dropped). */
export interface CsvRows {
  readonly rows: string[][];
  /**
   * The file's line number (1-based) where each row starts, counting blank lines and the line
   * breaks inside quoted fields as the file counts them: give it to `tableDataset` as `lines`.
   */
  readonly lines: number[];
  /** The delimiter used (given or detected). */
  readonly delimiter: string;
}

/**
 * Splits CSV or TSV text into rows of cells, without interpreting them.
 * @param input the file's bytes (UTF-8) or its text.
 * @param where the file's name, put at the start of every error message.
 * @throws DataFileError naming the file and the row when a quote is never closed, or the file is empty.
 */
export function parseCsv(input: Uint8Array | ArrayBuffer | string, where: string, options: CsvParseOptions = {}): CsvRows {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (options.delimiter !== undefined && (typeof options.delimiter !== 'string' || options.delimiter.length !== 1 || /["\r\n]/.test(options.delimiter))) {
    throw invalid('parseCsv', 'delimiter', 'one character other than a quote or a newline', options.delimiter);
  }
  // The delimiter is guessed on the first rows with blank lines skipped; the file is then read
  // with them kept, so that every row's line number is the file's.
  const guessed = options.delimiter ?? Papa.parse<string[]>(body, { delimiter: '', delimitersToGuess: [...CSV_DELIMITERS], skipEmptyLines: 'greedy', preview: 10 }).meta.delimiter;
  const result = Papa.parse<string[]>(body, {
    delimiter: guessed,
    skipEmptyLines: false,
    header: false,
    dynamicTyping: false,
  });
  // Every row starts one line below the end of the one before; a quoted field's line breaks count.
  const starts: number[] = [];
  let line = 1;
  for (const row of result.data) {
    starts.push(line);
    line += 1 + row.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  }
  const quote = result.errors.find((e) => e.type === 'Quotes');
  if (quote) throw new DataFileError(`${where}: row ${starts[quote.row ?? 0] ?? (quote.row ?? 0) + 1}: ${quote.message.toLowerCase()}`);
  const kept = result.data.flatMap((row, i) => (row.join('').trim() === '' ? [] : [i]));
  if (kept.length === 0) throw new DataFileError(`${where}: no rows: the file is empty`);
  // A file of one column gives papaparse nothing to detect; a comma is as good as any then.
  const delimiter = options.delimiter ?? (CSV_DELIMITERS.includes(guessed as never) ? guessed : ',');
  return { rows: kept.map((i) => result.data[i]!), lines: kept.map((i) => starts[i]!), delimiter };
}
