/**
 * A dataset from images sorted into one folder per class (Keras' `image_dataset_from_directory`,
 * torchvision's `ImageFolder`): the class names are the folder names, sorted. The files come
 * from an adapter (`./node/read-image-folder.ts` for disks, `./browser/image-files.ts` for
 * `File` objects); this module decodes, checks and packs them. PNG and JPEG files are read
 * (`.png`, `.jpg`, `.jpeg`); other files are skipped with one warning naming them.
 */
import { DataFileError, invalid } from '../errors.js';
import { checkOptionKeys } from '../schema/option-keys.js';
import { type DecodedImage, decodeImage } from './decode-image.js';
import { readImageHeader } from './image-header.js';
import type { DataSplit, LoadedData } from './loaded-data.js';
import { RESIZE_METHOD, resizeBilinear } from './resize.js';

/** One file of a class folder: its name and a way to read it. */
export interface ImageFileSource {
  readonly name: string;
  read(): Promise<Uint8Array | ArrayBuffer>;
}

/** One class folder of a split. */
export interface ImageClassFolder {
  readonly split: 'train' | 'test';
  /** The class name: the folder's name. */
  readonly name: string;
  /** The folder's path, for messages. */
  readonly path: string;
  readonly files: readonly ImageFileSource[];
}

/** Options of {@link imageFolderDataset}. */
export interface ImageFolderOptions {
  /** `[height, width]` every image must have; default the first image's size. */
  readonly size?: readonly [number, number];
  /** What to do with an image of another size: `bilinear` (default) resizes it, `refuse` throws. */
  readonly resize?: 'bilinear' | 'refuse';
  /** Convert every image to 1 (grey) or 3 (RGB) channels; default: keep them, and refuse mixed counts. */
  readonly channels?: 1 | 3;
  /** Refuse images whose header declares more pixels (default 50 million). */
  readonly maxPixels?: number;
  /** Refuse fewer class folders than this: 2 (default) to train; 1 to measure a trained model on images of one of its classes. */
  readonly minClasses?: 1 | 2;
}

const OPTION_KEYS = ['size', 'resize', 'channels', 'maxPixels', 'minClasses'] satisfies (keyof ImageFolderOptions)[];

/** How the messages of {@link imageFolderDataset} name its options (a command line names its flags instead). */
export const IMAGE_FOLDER_OPTION_WORDS = {
  size: 'option size',
  resize: 'resizing refused by option resize',
  channels: 'option channels: 1 or 3 converts them',
} as const;

/**
 * The most pixel bytes (images x height x width x channels, both splits) an image folder is
 * packed into when `size` is given: 256 MiB, whose float32 copy for training is 1 GiB, the
 * largest array an `.npz` file may hold. Checked before any image is decoded.
 */
export const MAX_IMAGE_FOLDER_BYTES = 2 ** 28;

/** Files read at once (their decoding is one at a time). */
const READ_AHEAD = 32;

/** File names read as images. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'] as const;

/** Whether a file's name says it is a PNG or JPEG image. */
export function isImageFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return IMAGE_EXTENSIONS.some((e) => lower.endsWith(e));
}

/**
 * Decodes the images of the class folders into a dataset: `train` from the `train` folders,
 * `test` from the `test` ones (null when there are none).
 * @param where the top folder's name, put at the start of messages.
 * @throws DataFileError naming the folder or the image for an empty class folder, a test class
 *   that training lacks, an undecodable or oversized image, mixed channel counts, or an image of
 *   another size when `resize` is `refuse`.
 */
export async function imageFolderDataset(folders: readonly ImageClassFolder[], where: string, options: ImageFolderOptions = {}): Promise<LoadedData> {
  checkOptionKeys('imageFolderDataset', options, OPTION_KEYS);
  if (options.size !== undefined && !(options.size.length === 2 && options.size.every((d) => Number.isInteger(d) && d > 0))) throw invalid('imageFolderDataset', 'size', '[height, width], positive integers', options.size);
  if (options.channels !== undefined && options.channels !== 1 && options.channels !== 3) throw invalid('imageFolderDataset', 'channels', '1 or 3', options.channels);
  if (options.resize !== undefined && options.resize !== 'bilinear' && options.resize !== 'refuse') throw invalid('imageFolderDataset', 'resize', "'bilinear' or 'refuse'", options.resize);
  if (options.minClasses !== undefined && options.minClasses !== 1 && options.minClasses !== 2) throw invalid('imageFolderDataset', 'minClasses', '1 or 2', options.minClasses);
  const classes = [...new Set(folders.filter((f) => f.split === 'train').map((f) => f.name))].sort();
  const minClasses = options.minClasses ?? 2;
  if (classes.length < minClasses) throw new DataFileError(`${where}: ${classes.length} class folder${classes.length === 1 ? '' : 's'} found, classification needs at least ${minClasses} (one sub-folder of images per class)`);
  if (options.size) await checkPackedSize(folders, where, options.size, options.channels);
  const skipped: string[] = [];
  const alpha: string[] = [];
  const resized: string[] = [];
  const converted: string[] = [];
  let shape: { height: number; width: number; channels: number; first: string } | undefined = options.size
    ? { height: options.size[0], width: options.size[1], channels: options.channels ?? 0, first: IMAGE_FOLDER_OPTION_WORDS.size }
    : undefined;
  const packs: Record<'train' | 'test', { pixels: Uint8Array[]; labels: number[] }> = { train: { pixels: [], labels: [] }, test: { pixels: [], labels: [] } };
  for (const folder of [...folders].sort((a, b) => (a.split === b.split ? (a.name < b.name ? -1 : 1) : a.split === 'train' ? -1 : 1))) {
    const label = classes.indexOf(folder.name);
    if (label < 0) throw new DataFileError(`${folder.path}: test class '${folder.name}' has no training folder; the classes are ${classes.join(', ')}`);
    const images = [...folder.files].sort((a, b) => (a.name < b.name ? -1 : 1)).filter((f) => isImageFileName(f.name) || (skipped.push(`${folder.path}/${f.name}`), false));
    if (images.length === 0) throw new DataFileError(`${folder.path}: empty class folder: no .png, .jpg or .jpeg file`);
    for (let start = 0; start < images.length; start += READ_AHEAD) {
      const batch = images.slice(start, start + READ_AHEAD);
      const contents = await Promise.all(batch.map((f) => f.read()));
      batch.forEach((file, k) => {
        const path = `${folder.path}/${file.name}`;
        const image: DecodedImage = decodeImage(contents[k]!, path, options.maxPixels === undefined ? {} : { maxPixels: options.maxPixels });
        if (image.alphaDropped) alpha.push(path);
        let channels: number = image.channels;
        let data = image.data;
        const want = options.channels ?? shape?.channels ?? channels;
        if (want !== 0 && channels !== want) {
          if (options.channels === undefined) {
            throw new DataFileError(`${path}: ${channels} channel${channels === 1 ? '' : 's'}, but ${shape!.first} has ${want}: mixed channel counts are refused (${IMAGE_FOLDER_OPTION_WORDS.channels})`);
          }
          data = convertChannels(data, channels, want);
          channels = want;
          converted.push(path);
        }
        shape ??= { height: image.height, width: image.width, channels, first: path };
        if (shape.channels === 0) shape = { ...shape, channels };
        if (image.height !== shape.height || image.width !== shape.width) {
          if (options.resize === 'refuse') throw new DataFileError(`${path}: ${image.height}x${image.width} pixels, expected ${shape.height}x${shape.width} as ${shape.first} (${IMAGE_FOLDER_OPTION_WORDS.resize})`);
          data = resizeBilinear(data, image.height, image.width, channels, shape.height, shape.width);
          resized.push(path);
        }
        packs[folder.split].pixels.push(data);
        packs[folder.split].labels.push(label);
      });
    }
  }
  const { height, width, channels } = shape!;
  const pack = (p: { pixels: Uint8Array[]; labels: number[] }): DataSplit => {
    const size = height * width * channels;
    const x = new Uint8Array(p.pixels.length * size);
    p.pixels.forEach((d, i) => x.set(d, i * size));
    return { x, y: Int32Array.from(p.labels), count: p.labels.length };
  };
  const preprocessing = ['pixels read as value / 255'];
  if (resized.length > 0) preprocessing.push(`${resized.length} image${resized.length === 1 ? '' : 's'} resized ${RESIZE_METHOD} to ${height}x${width}`);
  if (converted.length > 0) preprocessing.push(`${converted.length} image${converted.length === 1 ? '' : 's'} converted to ${channels === 1 ? 'grey (ITU-R 601 luma)' : 'RGB (grey repeated)'}`);
  const warnings: string[] = [];
  if (alpha.length > 0) warnings.push(`alpha channel dropped from ${alpha.length} image${alpha.length === 1 ? '' : 's'} (the first: ${alpha[0]})`);
  if (skipped.length > 0) warnings.push(`${skipped.length} file${skipped.length === 1 ? '' : 's'} skipped, not .png, .jpg or .jpeg: ${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', ...' : ''}`);
  return {
    kind: 'images',
    source: `images ${where}`,
    task: 'classification',
    sampleShape: [height, width, channels],
    xScale: 1 / 255,
    classes,
    train: pack(packs.train),
    test: packs.test.labels.length > 0 ? pack(packs.test) : null,
    preprocessing,
    warnings,
  };
}

/**
 * Refuses, before decoding, a folder whose images at `size` would pack into more than
 * {@link MAX_IMAGE_FOLDER_BYTES}. Without `channels`, the first image's header says them
 * (1 when it cannot be read: its decoding says why).
 */
async function checkPackedSize(folders: readonly ImageClassFolder[], where: string, [height, width]: readonly [number, number], given: 1 | 3 | undefined): Promise<void> {
  const images = folders.flatMap((f) => f.files.filter((file) => isImageFileName(file.name)));
  const count = images.length;
  const channels = given ?? (images[0] ? await headerChannels(images[0]) : 1);
  const bytes = count * height * width * channels;
  if (bytes <= MAX_IMAGE_FOLDER_BYTES) return;
  const per = `${channels} byte${channels === 1 ? '' : 's'} a pixel`;
  throw new DataFileError(`${where}: ${count} images at ${width}x${height} pixels (${per}) make ${bytes} bytes, more than the limit of ${MAX_IMAGE_FOLDER_BYTES} (${MAX_IMAGE_FOLDER_BYTES / 2 ** 20} MiB); ask for a smaller option size`);
}

/** The channels an image is read with (1 grey, else 3), from its header; 1 when the header cannot be read. */
async function headerChannels(file: ImageFileSource): Promise<number> {
  const content = await file.read();
  try {
    return readImageHeader(content instanceof Uint8Array ? content : new Uint8Array(content), file.name).components <= 2 ? 1 : 3;
  } catch {
    return 1;
  }
}

/** Grey to RGB (repeated), or RGB to grey (`L = (299 R + 587 G + 114 B) / 1000`, as PIL converts). */
/** RGB pixels as grey (ITU-R 601 luma, rounded) or grey pixels repeated as RGB. */
export function convertChannels(data: Uint8Array, from: number, to: number): Uint8Array {
  const pixels = data.length / from;
  const out = new Uint8Array(pixels * to);
  for (let p = 0; p < pixels; p++) {
    if (to === 3) out.fill(data[p]!, 3 * p, 3 * p + 3);
    else out[p] = Math.floor((299 * data[3 * p]! + 587 * data[3 * p + 1]! + 114 * data[3 * p + 2]! + 500) / 1000);
  }
  return out;
}
