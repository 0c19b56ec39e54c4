/**
 * A person's own data, dropped on the playground: a CSV or TSV table, IDX files (an images file
 * and a labels file, or a training and a test pair, raw or gzip) or images (PNG, JPEG, ...) named
 * by class, decoded by the page (colour kept). Every problem is one DataFileError naming the
 * file; nothing is half-built.
 */
import { DataFileError } from '../errors.js';
import { parseIdxAsync, type IdxFile } from '../data/idx.js';
import { imageSplitFromIdx } from '../data/image-split.js';
import { stratifiedSplit } from '../data/stratified-split.js';
import { mulberry32 } from '../data/seeded-shuffle.js';
import { selectSamples } from '../data/subset-split.js';
import type { Dataset, ImageSplit } from '../data/types.js';
import type { LoadedData } from '../data/loaded-data.js';
import { withValidationSplit } from '../data/validation-split.js';
import { readTableFile } from '../data/table-file.js';
import { tableDataset, type ColumnRef } from '../data/table-dataset.js';
import { imageFolderDataset, isImageFileName, type ImageClassFolder } from '../data/image-folder.js';
import { parseNpz } from '../data/npz.js';
import { arraysDataset } from '../data/arrays-dataset.js';
import type { PlaygroundData } from './playground-data.js';
import type { PlaygroundTask } from './settings.js';

/** A dropped file: its path in the dropped folder (e.g. `digits/3/a.png`) and its bytes. */
export interface DroppedFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** An image the page decoded: gray values, one byte per pixel, ink high (as MNIST), and its colours as they are. */
export interface DecodedImage {
  readonly path: string;
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  /** Red, green and blue bytes of each pixel, row-major, as decoded (no inversion); absent for images known to be grey. */
  readonly rgb?: Uint8Array;
  /** Whether some pixel was not fully opaque (its alpha is dropped from `rgb`). */
  readonly alpha?: boolean;
}

/** Share of each class held out for validation when the files give no test split. */
export const VALIDATION_FRACTION = 0.2;

const IMAGE_MAGIC: readonly [string, readonly number[]][] = [
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['bmp', [0x42, 0x4d]],
  ['webp', [0x52, 0x49, 0x46, 0x46]],
];

/** What a file looks like from its first bytes: `idx` (raw or gzip), an image format, or null. */
export function fileKind(bytes: Uint8Array): 'idx' | 'image' | null {
  const starts = (m: readonly number[]): boolean => m.every((b, i) => bytes[i] === b);
  if (IMAGE_MAGIC.some(([, m]) => starts(m))) return 'image';
  if (starts([0x1f, 0x8b]) || (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x08 && bytes[3]! >= 1 && bytes[3]! <= 4)) return 'idx';
  return null;
}

/** Checks that every dropped file is IDX or an image, and of one kind. */
export function droppedKind(files: readonly DroppedFile[]): 'idx' | 'image' {
  if (files.length === 0) throw new DataFileError('own data: no file was given');
  const kinds = files.map((f) => {
    const kind = fileKind(f.bytes);
    if (kind === null) throw new DataFileError(`${f.path}: not an IDX file or an image (PNG, JPEG, GIF, BMP, WebP)`);
    return kind;
  });
  if (kinds.some((k) => k !== kinds[0])) throw new DataFileError(`own data: give IDX files or images, not both (${files[kinds.indexOf('idx')]!.path} is IDX, ${files[kinds.indexOf('image')]!.path} an image)`);
  return kinds[0]!;
}

/**
 * A dataset from IDX files: one images and one labels file (split by class, 20% for validation,
 * seeded), or two of each told apart by name (`train` / `t10k` or `test`).
 */
export async function datasetFromIdxFiles(files: readonly DroppedFile[], seed = 42): Promise<Dataset> {
  const parsed = await Promise.all(files.map(async (f) => ({ path: f.path, idx: await parseIdxAsync(f.bytes, f.path) })));
  const images = parsed.filter((p) => p.idx.dims.length === 3);
  const labels = parsed.filter((p) => p.idx.dims.length === 1);
  const other = parsed.find((p) => p.idx.dims.length !== 3 && p.idx.dims.length !== 1);
  if (other) throw new DataFileError(`${other.path}: IDX dims [${other.idx.dims.join(', ')}] are neither images [count, height, width] nor labels [count]`);
  const classes = Math.max(...labels.map((l) => l.idx.data.reduce((m, v) => Math.max(m, v), 0))) + 1;
  const split = (i: { path: string; idx: IdxFile }, l: { path: string; idx: IdxFile }): ImageSplit => imageSplitFromIdx(i.idx, l.idx, classes, { images: i.path, labels: l.path });
  const name = 'own IDX files';
  const source = `files given on the page: ${files.map((f) => f.path).join(', ')}`;
  const classNames = Array.from({ length: classes }, (_, c) => String(c));
  if (images.length === 1 && labels.length === 1) return splitByClass(split(images[0]!, labels[0]!), name, classNames, source, seed);
  if (images.length === 2 && labels.length === 2) {
    const isTest = (p: string): boolean => /t10k|test/i.test(p.split('/').pop() ?? p);
    const pick = (list: typeof images, test: boolean): (typeof images)[number] => {
      const found = list.filter((p) => isTest(p.path) === test);
      if (found.length !== 1) throw new DataFileError(`own data: cannot tell the training from the test ${list === images ? 'images' : 'labels'} by name (${list.map((p) => p.path).join(', ')}: one name must hold "test" or "t10k")`);
      return found[0]!;
    };
    return { name, classes: classNames, train: split(pick(images, false), pick(labels, false)), test: split(pick(images, true), pick(labels, true)), source };
  }
  throw new DataFileError(`own data: give one IDX images file and one labels file, or a training and a test pair, received ${images.length} images and ${labels.length} labels files`);
}

/** The class of an image: its folder's name, else the start of its file name (`3_a.png`, `cat-1.png`). */
export function classOfPath(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  if (parts.length >= 2) return parts[parts.length - 2]!;
  const m = /^([^_\-. ]+)[_\-. ].*\.[^.]+$/.exec(parts[0] ?? '');
  return m ? m[1]! : null;
}

/** Whether a dropped file is a table (CSV or TSV, or one of them gzipped), by its name. */
export function isTableFile(path: string): boolean {
  return /\.(csv|tsv)(\.gz)?$/i.test(path);
}

/**
 * The target column a person typed: empty for the last column, a whole number for a column's
 * index (0 first, -1 last), anything else for a column's name.
 */
export function targetOfText(text: string): ColumnRef | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/**
 * A table dropped on the page (CSV, or TSV by its name), read as `noisenet train --data` reads
 * it: the target the last column unless `target` names another, class labels mapped to indices
 * with their names kept, 20% of each class held out for validation (seeded). The model
 * standardises the features itself (a normalization layer adapted on the training split).
 * `task` says what the target is: `auto` reads a continuous target (non-integers, or more
 * distinct numbers than classes can be) as a regression, as `--task auto` does, and a target of
 * two classes as a yes/no one trained as binary; `classification` keeps two classes as classes.
 * @throws DataFileError naming the file, row and column; or the task the target cannot be.
 */
export function tableFromFile(file: DroppedFile, target?: ColumnRef, seed = 42, task: PlaygroundTask = 'auto'): PlaygroundData {
  const name = file.path.split('/').pop() ?? file.path;
  const { rows, lines } = readTableFile(file.bytes, name);
  const read = task === 'regression' ? 'regression' : task === 'auto' ? 'auto' : 'classification';
  const loaded = tableDataset(rows, name, { ...(target === undefined ? {} : { target }), task: read, lines });
  if (task === 'binary' && loaded.classes.length !== 2) {
    throw new DataFileError(`${name}: the binary task takes a target of two classes; this one has ${loaded.classes.length} (${loaded.classes.slice(0, 5).join(', ')}${loaded.classes.length > 5 ? ', ...' : ''}): choose classification`);
  }
  const binary = loaded.task === 'classification' && loaded.classes.length === 2 && (task === 'auto' || task === 'binary');
  return { kind: 'own', name, path: name, ...(target === undefined ? {} : { target }), loaded: withValidationSplit(loaded, VALIDATION_FRACTION, seed), ...(binary ? { binary: true } : {}) };
}

/** Whether a dropped file is NumPy arrays (`.npz`), by its name. */
export function isNpzFile(path: string): boolean {
  return /\.npz$/i.test(path);
}

/**
 * An `.npz` file dropped on the page, read as `noisenet train --data FILE.npz` reads it: `x_train`
 * and `y_train` (and `x_test`, `y_test` when there, used for validation), else 20% of each class
 * held out for validation (seeded). Byte images of `[count, height, width]` and images of
 * `[count, height, width, channels]` train as images, arrays of `[count, features]` as feature
 * rows; float targets are a regression, as for the command.
 * @throws DataFileError naming the file and the array for anything the loader refuses.
 */
export function arraysFromFile(file: DroppedFile, seed = 42): PlaygroundData {
  const name = file.path.split('/').pop() ?? file.path;
  const loaded = arraysDataset(parseNpz(file.bytes, name), name);
  if (loaded.sampleShape.length !== 1 && loaded.sampleShape.length !== 3) throw new DataFileError(`${name}: samples of shape [${loaded.sampleShape.join(', ')}]: the playground takes feature rows [count, features], byte images [count, height, width] or images [count, height, width, channels]`);
  return { kind: 'own', name, path: name, loaded: loaded.test === null ? withValidationSplit(loaded, VALIDATION_FRACTION, seed) : loaded };
}

/** A dropped file that can be read when needed: its path in what was dropped and its bytes. */
export interface DroppedSource {
  readonly path: string;
  read(): Promise<Uint8Array | ArrayBuffer>;
}

const TEST_FOLDERS = ['test', 'validation', 'val'];

/**
 * The class folders of dropped or picked image files, as `noisenet train --data DIR` reads a
 * folder: `<class>/<image>`, or `train/<class>/<image>` beside `test/<class>/<image>` (or
 * `validation/`, `val/`), under one top folder or not. The top folder's name is `top` (empty
 * when the class folders themselves were given).
 * @throws DataFileError naming a file that lies at another depth, or a test split without a training one.
 */
export function imageFoldersOfDropped(files: readonly DroppedSource[]): { folders: ImageClassFolder[]; top: string } {
  const split = files.map((f) => ({ file: f, parts: f.path.split('/').filter(Boolean) }));
  const first = split[0]?.parts[0];
  const top = first !== undefined && split.every((s) => s.parts.length >= 3 && s.parts[0] === first) ? first : '';
  const rel = split.map((s) => ({ ...s, rel: top ? s.parts.slice(1) : s.parts }));
  const at = (...p: string[]): string => [top, ...p].filter(Boolean).join('/');
  const withSplits = rel.some((r) => r.rel.length === 3 && r.rel[0] === 'train');
  if (!withSplits) {
    const testOnly = rel.find((r) => r.rel.length === 3 && TEST_FOLDERS.includes(r.rel[0]!));
    if (testOnly) throw new DataFileError(`${at(testOnly.rel[0]!)}: a ${testOnly.rel[0]}/ folder of class folders but no train/ folder beside it: give train/<class>/ images too, or the class folders of ${testOnly.rel[0]}/ alone`);
  }
  const folders = new Map<string, { split: 'train' | 'test'; name: string; path: string; files: DroppedSource[] }>();
  for (const { file, rel: r } of rel) {
    const depth = withSplits ? 3 : 2;
    if (r.length !== depth || (withSplits && r[0] !== 'train' && !TEST_FOLDERS.includes(r[0]!))) {
      throw new DataFileError(`${file.path}: expected ${withSplits ? `${at('train')}/<class>/<image> or ${at('test')}/<class>/<image>` : `${at('<class>')}/<image>`}: one folder per class`);
    }
    const which = withSplits && r[0] !== 'train' ? 'test' : 'train';
    const path = at(...r.slice(0, -1));
    const folder = folders.get(path) ?? { split: which, name: r[depth - 2]!, path, files: [] };
    folder.files.push(file);
    folders.set(path, folder);
  }
  return { top, folders: [...folders.values()].map((f) => ({ ...f, files: f.files.map((file) => ({ name: file.path.split('/').pop()!, read: () => file.read() })) })) };
}

/** Whether dropped images lie in class folders (every path has a folder) and are PNG or JPEG by name: the files `noisenet train --data DIR` reads. */
export function isImageFolder(paths: readonly string[]): boolean {
  return paths.length > 0 && paths.every((p) => p.split('/').filter(Boolean).length >= 2) && paths.some(isImageFileName);
}

/**
 * Images in class folders, dropped or picked, read as `noisenet train --data DIR` reads the same
 * folder (the same decoders, so the same pixels and SHA-256): grey or colour kept as they are,
 * other sizes resized (bilinear) to the first one's, the `test/` split used for validation when
 * there is one, else 20% of each class held out (seeded); files that are not PNG or JPEG skipped
 * with a warning. Grey and colour images mixed are all read in colour (grey repeated), as
 * `--channels 3` reads them, and said.
 * @throws DataFileError naming the folder or image (one class only, an empty class folder, an
 *   undecodable image).
 */
export async function imageFolderFromDropped(files: readonly DroppedSource[], seed = 42): Promise<PlaygroundData> {
  const { folders, top } = imageFoldersOfDropped(files);
  const where = top || 'the class folders given';
  let channels: 3 | undefined;
  let loaded: LoadedData;
  try {
    loaded = await imageFolderDataset(folders, where);
  } catch (e) {
    // The command refuses mixed channel counts unless told --channels; the page has no such setting and reads them in colour.
    if (!(e instanceof DataFileError && /mixed channel counts/.test(e.message))) throw e;
    channels = 3;
    loaded = await imageFolderDataset(folders, where, { channels });
  }
  return { kind: 'own', name: 'own images', path: top || 'images', ...(channels ? { channels } : {}), loaded: loaded.test === null ? withValidationSplit(loaded, VALIDATION_FRACTION, seed) : loaded };
}

/** The colours of an RGBA image as RGB bytes, and whether some pixel was not fully opaque. */
export function rgbFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): { rgb: Uint8Array; alpha: boolean } {
  const n = width * height;
  const rgb = new Uint8Array(3 * n);
  let alpha = false;
  for (let i = 0; i < n; i++) {
    rgb[3 * i] = rgba[4 * i]!;
    rgb[3 * i + 1] = rgba[4 * i + 1]!;
    rgb[3 * i + 2] = rgba[4 * i + 2]!;
    if (rgba[4 * i + 3]! < 255) alpha = true;
  }
  return { rgb, alpha };
}

/** Whether some pixel of an RGB image has channels that differ: a colour image, not a grey one. */
export function hasColour(rgb: Uint8Array): boolean {
  for (let i = 0; i + 2 < rgb.length; i += 3) if (rgb[i] !== rgb[i + 1] || rgb[i] !== rgb[i + 2]) return true;
  return false;
}

/**
 * The data of decoded images: in colour (`[height, width, 3]`, the bytes as decoded) when any of
 * them has colour, else grey ink as {@link datasetFromImages} makes it. Classes come from the
 * paths; 20% of each class is held out for validation (seeded).
 * @throws DataFileError as {@link datasetFromImages} does.
 */
export function playgroundDataFromImages(decoded: readonly DecodedImage[], seed = 42): PlaygroundData {
  const colour = decoded.some((d) => d.rgb !== undefined && hasColour(d.rgb));
  if (!colour) return datasetFromImages(decoded, seed);
  const { classes, labels, first } = checkImages(decoded);
  const size = first.width * first.height * 3;
  const x = new Uint8Array(decoded.length * size);
  decoded.forEach((d, i) => {
    if (!d.rgb || d.rgb.length < size) throw new DataFileError(`${d.path}: no colour pixels were decoded`);
    x.set(d.rgb.subarray(0, size), i * size);
  });
  const withAlpha = decoded.filter((d) => d.alpha);
  const loaded: LoadedData = {
    kind: 'images',
    source: `${decoded.length} images given on the page, ${classes.length} classes`,
    task: 'classification',
    sampleShape: [first.height, first.width, 3],
    xScale: 1 / 255,
    classes,
    train: { x, y: Int32Array.from(labels), count: decoded.length },
    test: null,
    preprocessing: ['kept in colour (3 channels), values scaled to [0, 1]'],
    warnings: withAlpha.length > 0 ? [`the transparency of ${withAlpha.length} images was dropped (e.g. ${withAlpha[0]!.path})`] : [],
  };
  return { kind: 'own', name: 'own images', loaded: withValidationSplit(loaded, VALIDATION_FRACTION, seed) };
}

/** Class names and labels of decoded images, checked: one size, at least 2 classes and 10 images. */
function checkImages(decoded: readonly DecodedImage[]): { classes: string[]; labels: Uint8Array; first: DecodedImage } {
  if (decoded.length === 0) throw new DataFileError('own data: no image was given');
  const first = decoded[0]!;
  const odd = decoded.find((d) => d.width !== first.width || d.height !== first.height);
  if (odd) throw new DataFileError(`own data: images of mixed sizes: ${first.path} is ${first.width}x${first.height}, ${odd.path} is ${odd.width}x${odd.height} (all must have one size)`);
  const labelOf = decoded.map((d) => {
    const c = classOfPath(d.path);
    if (c === null) throw new DataFileError(`${d.path}: no class: put the images in one folder per class (3/a.png) or start their names with the class (3_a.png)`);
    return c;
  });
  const numeric = labelOf.every((c) => /^\d+$/.test(c));
  const classes = [...new Set(labelOf)].sort((a, b) => (numeric ? Number(a) - Number(b) : a.localeCompare(b)));
  if (classes.length < 2) throw new DataFileError(`own data: the images are all of one class (${classes[0]}); give at least two`);
  if (classes.length > 256) throw new DataFileError(`own data: ${classes.length} classes, at most 256`);
  if (decoded.length < 10) throw new DataFileError(`own data: ${decoded.length} images, at least 10 are needed`);
  return { classes, labels: Uint8Array.from(labelOf, (c) => classes.indexOf(c)), first };
}

/** A dataset of grey images from decoded images of one size, classes from their paths, split by class (20% for validation, seeded). */
export function datasetFromImages(decoded: readonly DecodedImage[], seed = 42): Dataset {
  const { classes, labels, first } = checkImages(decoded);
  const size = first.width * first.height;
  const images = new Uint8Array(decoded.length * size);
  decoded.forEach((d, i) => images.set(d.pixels.subarray(0, size), i * size));
  const all: ImageSplit = { images, labels, count: decoded.length, height: first.height, width: first.width };
  return splitByClass(all, 'own images', classes, `${decoded.length} images given on the page, ${classes.length} classes`, seed);
}

function splitByClass(all: ImageSplit, name: string, classes: string[], source: string, seed: number): Dataset {
  const s = stratifiedSplit(all.labels, VALIDATION_FRACTION, mulberry32(seed));
  return { name, classes, train: selectSamples(all, s.train), test: selectSamples(all, s.test), source: `${source} (${s.train.length} train / ${s.test.length} validation, seed ${seed})` };
}

/**
 * Gray ink values (0 background, 255 ink) of an RGBA image. An image with transparency is ink
 * where it is opaque (its alpha); an opaque one is its luminance, inverted when its border is
 * light on average (dark digits on white paper become MNIST's light digits on black).
 */
export function inkFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const n = width * height;
  let transparent = false;
  for (let i = 0; i < n && !transparent; i++) transparent = rgba[4 * i + 3]! < 255;
  if (transparent) return Uint8Array.from({ length: n }, (_, i) => rgba[4 * i + 3]!);
  const gray = Uint8Array.from({ length: n }, (_, i) => Math.round(0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!));
  let border = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = i % width;
    const y = (i - x) / width;
    if (x === 0 || y === 0 || x === width - 1 || y === height - 1) {
      border += gray[i]!;
      count++;
    }
  }
  if (border / count > 127) for (let i = 0; i < n; i++) gray[i] = 255 - gray[i]!;
  return gray;
}
