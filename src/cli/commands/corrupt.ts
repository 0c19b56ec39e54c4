/** `noisenet corrupt`: a corrupted copy of a dataset (IDX files or PNG class folders), one folder per corruption, and a preview grid. */
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { temporaryName } from '../../io/node/durable.js';
import { Tensor } from '../../tensor/tensor.js';
import { imagesOf } from '../../data/split-tensors.js';
import { splitTensors } from '../../data/split-tensors.js';
import { encodeIdx } from '../../data/idx.js';
import { encodePng } from '../../data/encode-png.js';
import { loadData } from '../../data/node/load-data.js';
import type { Corruption } from '../../corruptions/corruption.js';
import { corruptSample, imageOf, imageShapeOf, type ImageShape } from '../../corruptions/corrupt-images.js';
import { previewGrid } from '../../corruptions/preview-grid.js';
import { CORRUPTIONS } from '../../corruptions/catalogue.js';
import { corruptionsMarkdown } from '../../corruptions/corruptions-markdown.js';
import { DATASET_NAMES, loadCliDataset, type DatasetName } from '../load-data.js';
import { defineCommand } from '../options.js';
import { parseChoice, parseInteger } from '../values.js';
import { UsageError } from '../usage-error.js';
import { parseRunFlag, runOption } from '../run-flags.js';
import { checkOutputDir, checkOutputFile } from '../output-path.js';
import { CORRUPTIONS_HELP, SEVERITY_HELP, parseCorruptionsFlag, parseSeverityFlag } from '../corruption-flags.js';
import { CountProgress } from '../count-progress.js';

const WHERE = 'noisenet corrupt';
const SPLITS = ['both', 'test', 'train'] as const;
const FORMATS = ['idx', 'png'] as const;
/** Samples per row of the preview grid. */
const PREVIEW_SAMPLES = 8;

/** One split to corrupt: its images as a byte tensor and its labels. */
interface SplitToCorrupt {
  readonly name: 'train' | 'test';
  readonly x: Tensor;
  readonly labels: ArrayLike<number>;
}

export const corrupt = defineCommand({
  name: 'corrupt',
  summary: 'write a corrupted copy of an image dataset (the MNIST-C corruptions) and a preview grid',
  description: `Corrupts every image of a dataset (--dataset, --data-dir, or --data PATH: an IDX folder or a
folder of PNG/JPEG class folders) with each corruption of --corruptions at --severity (default:
the MNIST-C benchmark's own severity per corruption), seeded per image, and writes OUT/<corruption>/:
IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-...) or PNG class folders
(train/<class>/<n>.png, test/<class>/<n>.png), which --data reads back. OUT/preview.png shows the
first ${PREVIEW_SAMPLES} test images: the clean row first, then one row per corruption in order.`,
  epilog: `Examples:
  noisenet corrupt --dataset mnist-mini --out mnist-c
  noisenet corrupt --data photos/ --corruptions fog,brightness --severity 3 --format png --out photos-c`,
  options: {
    dataset: runOption('dataset', { help: `${DATASET_NAMES.join(', ')} (default mnist)` }),
    'data-dir': runOption('dataDir'),
    data: { type: 'string', arg: 'PATH', help: 'your own images: a folder of IDX files, or of class folders of PNG/JPEG images (train/ and test/ inside, or classes at the top)' },
    out: { type: 'string', arg: 'DIR', help: 'the folder to write (new or empty); required' },
    corruptions: { type: 'string', arg: 'LIST', help: `${CORRUPTIONS_HELP} (default all)` },
    severity: { type: 'string', arg: 'N', help: SEVERITY_HELP },
    seed: runOption('seed', { help: 'seed of the corruptions (default 0)' }),
    split: { type: 'string', arg: 'NAME', help: `which split to corrupt: ${SPLITS.join(', ')} (default both)` },
    samples: { type: 'string', arg: 'N', help: 'corrupt only the first N samples of each split (default all)' },
    format: { type: 'string', arg: 'NAME', help: 'idx or png (default: png for image folders, idx otherwise)' },
    preview: { type: 'string', arg: 'FILE', help: 'where to write the preview grid (default OUT/preview.png)' },
    list: { type: 'boolean', help: 'print the corruptions, their severities and the benchmark\'s (Markdown, as docs/reference/corruptions.md) and stop' },
  },
  async run(v, ctx) {
    if (v.list) {
      ctx.stdout.write(corruptionsMarkdown(CORRUPTIONS));
      return;
    }
    if (v.out === undefined) throw new UsageError(`${WHERE}: --out DIR is required; see ${WHERE} --help`);
    if (v.data !== undefined && (v.dataset !== undefined || v['data-dir'] !== undefined)) throw new UsageError(`${WHERE}: --data reads your own images; --${v.dataset !== undefined ? 'dataset' : 'data-dir'} names a built-in dataset: give one of them`);
    const corruptions = parseCorruptionsFlag(WHERE, v.corruptions ?? 'all');
    const severity = parseSeverityFlag(WHERE, v.severity);
    const seed = parseInteger(WHERE, '--seed', v.seed ?? '0', { min: 0, max: 0xffffffff });
    const split = parseChoice(WHERE, '--split', v.split ?? 'both', SPLITS);
    const samples = v.samples === undefined ? undefined : parseInteger(WHERE, '--samples', v.samples, { min: 1 });
    const format = v.format === undefined ? undefined : parseChoice(WHERE, '--format', v.format, FORMATS);
    const dataset = v.dataset === undefined ? undefined : (parseRunFlag(WHERE, 'dataset', v.dataset) as DatasetName);
    checkOutputDir(WHERE, '--out', v.out);
    if (existsSync(v.out) && (await readdir(v.out)).length > 0) throw new UsageError(`${WHERE}: --out ${v.out} is not empty: give a new or empty folder`);
    const previewPath = v.preview ?? join(v.out, 'preview.png');
    if (v.preview !== undefined) checkOutputFile(WHERE, '--preview', v.preview, false);

    const loaded = await loadImages(v.data, dataset, v['data-dir'], ctx);
    const outFormat = format ?? (loaded.kind === 'images' ? 'png' : 'idx');
    if (outFormat === 'png' && loaded.shape.channels !== 1 && loaded.shape.channels !== 3) throw new UsageError(`${WHERE}: --format png writes grey or RGB images; these have ${loaded.shape.channels} channels`);
    if (outFormat === 'idx' && loaded.classes.length > 256) throw new UsageError(`${WHERE}: IDX labels are bytes; ${loaded.classes.length} classes do not fit: use --format png`);
    const splits = loaded.splits.filter((s) => split === 'both' || s.name === split).map((s) => (samples === undefined || samples >= s.x.count ? s : { ...s, x: firstRows(s.x, samples), labels: Array.from(s.labels).slice(0, samples) }));
    if (splits.length === 0) throw new UsageError(`${WHERE}: ${loaded.source} has no ${split} split`);

    const total = corruptions.length * splits.reduce((n, s) => n + s.x.count, 0);
    const progress = new CountProgress({ label: 'corrupt', write: (t) => ctx.stderr.write(t), isTTY: ctx.stderr.isTTY ?? false, lines: false });
    let done = 0;
    const t0 = performance.now();
    // Everything is written into a hidden sibling folder first and renamed into place at the end,
    // so an interrupted run never leaves a half-written --out folder.
    const staging = join(dirname(v.out), `.${temporaryName(basename(v.out))}`);
    await mkdir(staging, { recursive: true });
    try {
      for (const corruption of corruptions) {
        const dir = join(staging, corruption.name);
        await mkdir(dir, { recursive: true });
        for (const s of splits) {
          const images = corruptSplit(s.x, corruption, { severity, seed }, () => progress.update(++done, total));
          if (outFormat === 'idx') await writeIdxSplit(dir, s, images, loaded.shape);
          else await writePngSplit(dir, s, images, loaded.shape, loaded.classes);
        }
      }
      if (existsSync(v.out)) await rmdir(v.out);
      await rename(staging, v.out);
    } catch (e) {
      await rm(staging, { recursive: true, force: true });
      throw e;
    }
    const seconds = (performance.now() - t0) / 1000;
    const previewSplit = splits.find((s) => s.name === 'test') ?? splits[0]!;
    const grid = preview(previewSplit.x, corruptions, { severity, seed }, loaded.shape);
    const previewTemporary = temporaryName(previewPath);
    await writeFile(previewTemporary, encodePng(grid.data, grid.width, grid.height, grid.channels as 1 | 3));
    await rename(previewTemporary, previewPath);
    const count = splits.reduce((n, s) => n + s.x.count, 0);
    const print = (line: string): void => ctx.stdout.write(`${line}\n`);
    print(`${loaded.source}: ${count} images (${splits.map((s) => `${s.name} ${s.x.count}`).join(', ')}), ${loaded.shape.height} x ${loaded.shape.width} x ${loaded.shape.channels}`);
    print(`Wrote ${corruptions.length} corrupted cop${corruptions.length === 1 ? 'y' : 'ies'} (${severity === 'default' ? "the benchmark's severities" : `severity ${severity}`}, seed ${seed}, ${outFormat.toUpperCase()}) to ${v.out}/ in ${seconds.toFixed(1)} s (${Math.round((count * corruptions.length) / Math.max(seconds, 1e-9))} images/s)`);
    print(`Preview: ${previewPath} (${grid.width} x ${grid.height}: clean, then ${corruptions.map((c) => c.name).join(', ')})`);
  },
});

interface LoadedImages {
  readonly source: string;
  readonly kind: 'idx' | 'images' | 'named';
  readonly shape: ImageShape;
  readonly classes: readonly string[];
  readonly splits: SplitToCorrupt[];
}

async function loadImages(path: string | undefined, dataset: DatasetName | undefined, dataDir: string | undefined, ctx: Parameters<typeof loadCliDataset>[2]): Promise<LoadedImages> {
  if (path === undefined) {
    const data = await loadCliDataset(WHERE, { dataset, dataDir }, ctx);
    const splits: SplitToCorrupt[] = [
      { name: 'train', x: imagesOf(data.train), labels: data.train.labels },
      { name: 'test', x: imagesOf(data.test), labels: data.test.labels },
    ];
    return { source: data.name, kind: 'named', shape: imageShapeOf(splits[1]!.x), classes: data.classes, splits };
  }
  const data = await loadData(path);
  if (data.kind !== 'idx' && data.kind !== 'images') throw new UsageError(`${WHERE}: --data ${path} holds ${data.kind === 'table' ? 'a table' : 'arrays'}; corruptions apply to images (an IDX folder or class folders of images)`);
  if (data.sampleShape.length < 2) throw new UsageError(`${WHERE}: --data ${path}: images expected, its samples are [${data.sampleShape.join(', ')}]`);
  const tensors = (s: NonNullable<typeof data.test>): Tensor => {
    const t = splitTensors(data, s).x;
    return t.shape.length === 3 ? new Tensor(t.data, [...t.shape, 1], t.scale) : t;
  };
  const splits: SplitToCorrupt[] = [{ name: 'train', x: tensors(data.train), labels: data.train.y }];
  if (data.test) splits.push({ name: 'test', x: tensors(data.test), labels: data.test.y });
  return { source: data.source, kind: data.kind, shape: imageShapeOf(splits[0]!.x), classes: data.classes, splits };
}

function firstRows(x: Tensor, n: number): Tensor {
  return new Tensor(x.data.subarray(0, n * x.sampleSize), [n, ...x.shape.slice(1)], x.scale);
}

function corruptSplit(x: Tensor, corruption: Corruption, options: { severity: number | 'default'; seed: number }, onImage: () => void): Uint8Array {
  const size = x.sampleSize;
  const out = new Uint8Array(x.count * size);
  for (let i = 0; i < x.count; i++) {
    const sample = corruptSample(x, i, corruption, options);
    for (let k = 0; k < size; k++) out[i * size + k] = Math.round(sample[k]! * 255);
    onImage();
  }
  return out;
}

async function writeIdxSplit(dir: string, s: SplitToCorrupt, images: Uint8Array, shape: ImageShape): Promise<void> {
  const prefix = s.name === 'train' ? 'train' : 't10k';
  const dims = shape.channels === 1 ? [s.x.count, shape.height, shape.width] : [s.x.count, shape.height, shape.width, shape.channels];
  await writeFile(join(dir, `${prefix}-images-idx${dims.length}-ubyte`), encodeIdx(dims, images));
  await writeFile(join(dir, `${prefix}-labels-idx1-ubyte`), encodeIdx([s.x.count], Uint8Array.from(s.labels)));
}

/**
 * The folder name of each class: its name with path separators and other characters a folder
 * name cannot hold replaced by '-' (Fashion-MNIST's "T-shirt/top" becomes "T-shirt-top"), made
 * unique with its index where two would collide, so `--data` reads the classes back.
 */
export function classFolderNames(classes: readonly string[]): string[] {
  const used = new Set<string>();
  return classes.map((name, i) => {
    let folder = name.replace(/[/\\\0:*?"<>|]/g, '-').trim();
    if (folder === '' || folder === '.' || folder === '..') folder = String(i);
    if (used.has(folder)) folder = `${folder}-${i}`;
    used.add(folder);
    return folder;
  });
}

async function writePngSplit(dir: string, s: SplitToCorrupt, images: Uint8Array, shape: ImageShape, classes: readonly string[]): Promise<void> {
  const size = shape.height * shape.width * shape.channels;
  const digits = String(s.x.count - 1).length;
  const folders = classFolderNames(classes);
  const made = new Set<number>();
  for (let i = 0; i < s.x.count; i++) {
    const label = s.labels[i]!;
    const folder = join(dir, s.name, folders[label] ?? String(label));
    if (!made.has(label)) {
      await mkdir(folder, { recursive: true });
      made.add(label);
    }
    await writeFile(join(folder, `${String(i).padStart(digits, '0')}.png`), encodePng(images.subarray(i * size, (i + 1) * size), shape.width, shape.height, shape.channels as 1 | 3));
  }
}

function preview(x: Tensor, corruptions: readonly Corruption[], options: { severity: number | 'default'; seed: number }, shape: ImageShape): ReturnType<typeof previewGrid> {
  const n = Math.min(PREVIEW_SAMPLES, x.count);
  const indices = Array.from({ length: n }, (_, i) => i);
  const rows = [indices.map((i) => imageOf(x, i, shape).data), ...corruptions.map((c) => indices.map((i) => corruptSample(x, i, c, options)))];
  return previewGrid(rows, shape);
}

