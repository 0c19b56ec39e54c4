/**
 * The samples `noisenet predict --input PATH` reads, shaped as the model's data: a CSV or TSV
 * table (features only, or with the target column, which is ignored), an image file, a folder of
 * images (or of class folders), or an `.npy` array.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { decodeImage } from '../data/decode-image.js';
import { convertChannels, isImageFileName } from '../data/image-folder.js';
import { resizeBilinear } from '../data/resize.js';
import { npyToFloat32, parseNpy } from '../data/npy.js';
import { encodeTableColumns, recordedTableColumns, type TableColumns } from '../data/table-columns.js';
import { tableDataset } from '../data/table-dataset.js';
import { isTableFileName, readTableFile } from '../data/table-file.js';
import { DataFileError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import type { SavedDataRecord } from './own-data.js';

/** Samples to predict, and a name for each (a row number or a file). */
export interface PredictInput {
  readonly x: Tensor;
  readonly names: readonly string[];
  /** Changes made to the samples (images converted, resized, alpha dropped, files skipped): one line per kind, with a count and the first file. */
  readonly warnings: readonly string[];
}

/** What the model takes: its sample shape, and the own-data record it was trained on, if any. */
export interface PredictTarget {
  readonly sampleShape: readonly number[];
  readonly record: Partial<SavedDataRecord> | null;
  /** Images of another size than the model's: resized (`bilinear`, the default) or refused. */
  readonly resize?: 'bilinear' | 'refuse';
  /** Tables: the field delimiter; default the one the model's table was read with, else detected. */
  readonly delimiter?: string;
  /** Tables: whether the first row names the columns; default as the model's table was read, else detected. */
  readonly header?: boolean;
}

/**
 * Reads `path` into samples of `target.sampleShape`.
 * @throws DataFileError naming the path (and the row or image) for input the model cannot take.
 */
export async function readPredictInput(path: string, target: PredictTarget): Promise<PredictInput> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new DataFileError(`${path}: ${err.code === 'ENOENT' ? 'no such file or folder' : `cannot read (${err.code ?? err.message})`}`);
  });
  const lower = path.toLowerCase();
  const resize = target.resize ?? 'bilinear';
  if (info.isDirectory()) {
    const found = await imageFiles(path);
    return images(path, found.files, target.sampleShape, resize, found.skipped);
  }
  if (isImageFileName(lower)) return images(path, [path], target.sampleShape, resize, []);
  if (lower.endsWith('.npy')) return npy(path, target.sampleShape);
  if (isTableFileName(lower)) return table(path, target);
  if (lower.endsWith('.npz')) throw new DataFileError(`${path}: an .npz holds several arrays; predict reads one array of samples: save it alone as an .npy (numpy.save('x.npy', x))`);
  throw new DataFileError(`${path}: unknown input type: expected a .csv, .tsv or .txt table (or one gzipped: .csv.gz), a .png or .jpg image, a folder of images, or an .npy array`);
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

async function imageFiles(dir: string): Promise<{ files: string[]; skipped: string[] }> {
  const out: string[] = [];
  const skipped: string[] = [];
  const walk = async (d: string, depth: number): Promise<void> => {
    const entries = (await readdir(d, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.isDirectory() && depth < 3) await walk(join(d, e.name), depth + 1);
      else if (e.isFile() && isImageFileName(e.name)) out.push(join(d, e.name));
      else if (e.isFile()) skipped.push(join(d, e.name));
    }
  };
  await walk(dir, 0);
  if (out.length === 0) throw new DataFileError(`${dir}: no .png, .jpg or .jpeg image in the folder or its sub-folders`);
  return { files: out, skipped };
}

/** `n file(s)` or `n image(s)`. */
const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

async function images(root: string, files: readonly string[], shape: readonly number[], resize: 'bilinear' | 'refuse', skipped: readonly string[]): Promise<PredictInput> {
  if (shape.length !== 3 && shape.length !== 2 && !(shape.length === 1)) throw new DataFileError(`${root}: the model takes samples of shape [${shape.join(', ')}], not images`);
  const [height, width, channels] = shape.length === 3 ? shape : shape.length === 2 ? [shape[0]!, shape[1]!, 1] : squareGrey(root, shape[0]!);
  const one = height! * width! * channels!;
  const x = new Uint8Array(files.length * one);
  const converted: string[] = [];
  const resized: string[] = [];
  const alpha: string[] = [];
  for (const [i, file] of files.entries()) {
    const image = decodeImage(await readFile(file), file);
    let data = image.data;
    if (image.alphaDropped) alpha.push(file);
    if (image.channels !== channels) {
      data = convertChannels(data, image.channels, channels!);
      converted.push(file);
    }
    if ((image.height !== height || image.width !== width) && resize === 'refuse') throw new DataFileError(`${file}: image of ${image.height}x${image.width} pixels, the model takes ${height}x${width} (--resize refuse; leave it out to resize bilinearly)`);
    if (image.height !== height || image.width !== width) {
      data = resizeBilinear(data, image.height, image.width, channels!, height!, width!);
      resized.push(file);
    }
    x.set(data, i * one);
  }
  const names = files.map((f) => (f === root ? basename(f) : relative(root, f)));
  const warnings: string[] = [];
  if (converted.length > 0) warnings.push(`${plural(converted.length, 'image')} converted to ${channels === 1 ? 'grey (ITU-R 601 luma)' : 'RGB (grey repeated)'}, as the model takes ${channels} channel${channels === 1 ? '' : 's'} (the first: ${converted[0]})`);
  if (resized.length > 0) warnings.push(`${plural(resized.length, 'image')} resized bilinearly to ${width}x${height}, the model's input (the first: ${resized[0]})`);
  if (alpha.length > 0) warnings.push(`alpha channel dropped from ${plural(alpha.length, 'image')} (the first: ${alpha[0]})`);
  if (skipped.length > 0) warnings.push(`${plural(skipped.length, 'file')} skipped, not .png, .jpg or .jpeg (the first: ${skipped[0]})`);
  return { x: new Tensor(x, [files.length, ...shape], 1 / 255), names, warnings };
}

/** A model of flat inputs (the mlp on 28x28 digits): square grey images of that many pixels. */
function squareGrey(root: string, n: number): number[] {
  const side = Math.round(Math.sqrt(n));
  if (side * side !== n) throw new DataFileError(`${root}: the model takes ${n} features per sample, not images`);
  return [side, side, 1];
}

async function npy(path: string, shape: readonly number[]): Promise<PredictInput> {
  const array = parseNpy(await readFile(path), path);
  const one = size(shape);
  const values = npyToFloat32(array);
  const count = array.shape.length === 0 ? 0 : array.shape[0]!;
  if (count === 0 || values.length !== count * one) throw new DataFileError(`${path}: array of shape [${array.shape.join(', ')}], expected [count, ${shape.join(', ')}] (${one} values per sample)`);
  const scale = array.dtype === 'uint8' ? 1 / 255 : 1;
  const x = scale === 1 ? new Tensor(values, [count, ...shape]) : new Tensor(Uint8Array.from(values), [count, ...shape], scale);
  return { x, names: Array.from({ length: count }, (_, i) => `${i}`), warnings: [] };
}

async function table(path: string, target: PredictTarget): Promise<PredictInput> {
  if (target.sampleShape.length !== 1) throw new DataFileError(`${path}: the model takes samples of shape [${target.sampleShape.join(', ')}], not table rows`);
  const features = target.sampleShape[0]!;
  const o = target.record?.loadOptions ?? {};
  const given = target.delimiter ?? (typeof o.delimiter === 'string' ? o.delimiter : undefined);
  const headerGiven = target.header ?? (typeof o.header === 'boolean' ? o.header : undefined);
  const rows = readTableFile(await readFile(path), path, { delimiter: given }).rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
  const numeric = (r: readonly string[]): boolean => r.every((c) => c.trim() !== '' && Number.isFinite(Number(c)));
  const columns = recordedTableColumns(target.record);
  const header = rows.length > 0 && (headerGiven ?? (!numeric(rows[0]!) && !rowOfModelColumns(rows[0]!, columns, o.target))) ? rows[0]! : null;
  const body = header ? rows.slice(1) : rows;
  const names = target.record?.featureNames;
  // A table with categorical columns: each row encoded with the categories recorded at training, by column name.
  if (header && columns?.categorical?.length) {
    const x = encodeTableColumns(header.map((c) => c.trim()), body, path, 2, columns);
    return { x: new Tensor(x, [body.length, columns.featureNames.length]), names: body.map((_, i) => `row ${i + 1}`), warnings: [] };
  }
  // No header: the model's columns by position (one-hot columns as one), or those plus the target where the model's table held it.
  const positional = header || !columns ? undefined : positionalNames(columns, body[0]?.length ?? 0, o.target);
  if (positional && columns && body.every((r) => r.length === positional.length)) {
    const x = encodeTableColumns(positional, body, path, 1, columns);
    return { x: new Tensor(x, [body.length, columns.featureNames.length]), names: body.map((_, i) => `row ${i + 1}`), warnings: [] };
  }
  // Features only: the columns the model takes, in its order (by name when there is a header).
  if (body.length > 0 && body.every((r) => r.length === features) && (!header || !names || names.every((n) => header.includes(n)))) {
    const order = header && names ? names.map((n) => header.indexOf(n)) : Array.from({ length: features }, (_, i) => i);
    const x = new Float32Array(body.length * features);
    body.forEach((r, i) =>
      order.forEach((c, j) => {
        const v = Number(r[c]);
        if (!Number.isFinite(v) || r[c]!.trim() === '') throw new DataFileError(`${path}: row ${i + (header ? 2 : 1)}, column ${c + 1}: expected a number, found ${JSON.stringify(r[c])}`);
        x[i * features + j] = v;
      }),
    );
    return { x: new Tensor(x, [body.length, features]), names: body.map((_, i) => `row ${i + 1}`), warnings: [] };
  }
  // Rows as the model was trained on (with the target column): read as the training table was.
  // With the task the model records: a regression target is read as values, not as classes.
  const task = target.record?.task;
  const read = tableDataset(rows, path, { ...(task === 'regression' || task === 'classification' ? { task } : {}), ...(headerGiven === undefined ? {} : { header: headerGiven }), ...(o.target === undefined ? {} : { target: o.target }), ...(o.features ? { features: o.features } : {}), ...(o.exclude ? { exclude: o.exclude } : {}) });
  if (read.sampleShape[0] !== features) throw new DataFileError(`${path}: ${read.sampleShape[0]} features per row, the model takes ${features}`);
  return { x: new Tensor(read.train.x, [read.train.count, features]), names: Array.from({ length: read.train.count }, (_, i) => `row ${i + 1}`), warnings: [] };
}

/**
 * Names for the columns of a headerless table of `width` columns: the model's source columns in
 * order (a one-hot encoded column counts once), with the target inserted where the model's table
 * held it (its recorded index, else the last) when there is one more column; undefined when the
 * width matches neither.
 */
function positionalNames(columns: TableColumns, width: number, target: unknown): string[] | undefined {
  const source: string[] = [];
  const recorded = columns.featureNames;
  for (let i = 0; i < recorded.length; ) {
    const cat = columns.categorical?.find((c) => c.categories.length > 0 && recorded[i] === `${c.name}=${c.categories[0]}`);
    source.push(cat ? cat.name : recorded[i]!);
    i += cat ? cat.categories.length : 1;
  }
  if (width === source.length) return source;
  if (width !== source.length + 1 || (target !== undefined && typeof target !== 'number')) return undefined;
  const at = target === undefined ? width - 1 : target < 0 ? width + target : target;
  if (!Number.isInteger(at) || at < 0 || at >= width) return undefined;
  const name = ' target';
  return [...source.slice(0, at), name, ...source.slice(at)];
}

/** Whether a first row is data in the model's columns by position: each category a recorded one, no cell a column name. */
function rowOfModelColumns(row: readonly string[], columns: TableColumns | undefined, target: unknown): boolean {
  const names = columns && positionalNames(columns, row.length, target);
  if (!names || !columns?.categorical?.length) return false;
  const cells = row.map((c) => c.trim());
  if (cells.some((c) => names.includes(c))) return false;
  return columns.categorical.every((c) => {
    const at = names.indexOf(c.name);
    return at >= 0 && c.categories.includes(cells[at]!);
  });
}
