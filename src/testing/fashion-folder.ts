/**
 * Real Fashion-MNIST images written out as a folder of PNG images by class, with `train/` and
 * `test/` inside, for tests of image folders on real images (Debian's `dataset-fashion-mnist`).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FASHION_MNIST } from '../data/datasets/fashion-mnist.js';
import { readIdxFile } from '../data/node/idx-file.js';
import { grayPng } from './png.js';

/** Where Debian's `dataset-fashion-mnist` puts the IDX files. */
export const FASHION_DIR = '/usr/share/datasets/fashion-mnist';

/** A test's skip reason when Fashion-MNIST is not installed, else false. */
export const skipWithoutFashion: string | false = existsSync(join(FASHION_DIR, 't10k-images-idx3-ubyte.gz')) ? false : `${FASHION_DIR} not installed (Debian's dataset-fashion-mnist)`;

/** A class name as a folder name: `T-shirt/top` becomes `T-shirt-top`. */
export const fashionFolderName = (c: number): string => FASHION_MNIST.classes[c]!.replace(/\//g, '-');

/**
 * Writes the first `train + test` images of Fashion-MNIST's test file as PNG files under `dir`:
 * `train/<class>/<index>.png` for the first `train`, `test/<class>/<index>.png` for the next `test`.
 * @returns the labels of the images written, in file order (index).
 */
export async function writeFashionFolder(dir: string, train: number, test: number): Promise<{ labels: number[] }> {
  const images = await readIdxFile(join(FASHION_DIR, 't10k-images-idx3-ubyte.gz'));
  const labels = await readIdxFile(join(FASHION_DIR, 't10k-labels-idx1-ubyte.gz'));
  for (let i = 0; i < train + test; i++) {
    const folder = join(dir, i < train ? 'train' : 'test', fashionFolderName(labels.data[i]!));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${String(i).padStart(5, '0')}.png`), grayPng(28, 28, images.data.subarray(i * 784, (i + 1) * 784)));
  }
  return { labels: Array.from(labels.data.subarray(0, train + test)) };
}
