import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { pythonSkip, runPython } from '../../testing/python-reference.js';
import { grayPng } from '../../testing/png.js';
import { decodeImage } from '../decode-image.js';
import { readIdxFile } from './idx-file.js';
import { loadData } from './load-data.js';

const root = mkdtempSync(join(tmpdir(), 'noisenet-images-'));
after(() => rmSync(root, { recursive: true, force: true }));
const skipPil = pythonSkip(['numpy', 'PIL']);

/** `pixels` (height x width x channels bytes) as a PNG file at `path`. */
function writePng(path: string, width: number, height: number, channels: number, pixels: Uint8Array): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, encodePng({ width, height, channels, depth: 8, data: pixels }));
}

const pattern = (h: number, w: number, c: number, seed: number) => Uint8Array.from({ length: h * w * c }, (_, i) => (i * 37 + seed * 101) % 256);

test('PNG and JPEG pixels equal what PIL reads: PNG exactly, JPEG within its rounding', { skip: skipPil }, () => {
  const dir = join(root, 'pil');
  mkdirSync(dir);
  const out = runPython(['numpy', 'PIL'], `import json, sys, numpy as np
from PIL import Image
d = sys.argv[1]
rng = np.random.default_rng(1)
noise = rng.integers(0, 256, (9, 11, 3)).astype(np.uint8)
y, x = np.mgrid[0:32, 0:40]
smooth = np.stack([x * 6, y * 8, (x + y) * 3], -1).astype(np.uint8)
Image.fromarray(noise).save(d + '/rgb.png')
Image.fromarray(noise[:, :, 0]).save(d + '/grey.png')
Image.fromarray(np.dstack([noise, noise[:, :, :1]])).save(d + '/rgba.png')
Image.fromarray(np.dstack([noise[:, :, 0], noise[:, :, 1]]), 'LA').save(d + '/grey-alpha.png')
Image.fromarray(noise).convert('P', palette=Image.ADAPTIVE, colors=16).save(d + '/palette.png')
Image.fromarray(noise).save(d + '/rgb444.jpg', quality=90, subsampling=0)
Image.fromarray(noise[:, :, 0]).save(d + '/grey.jpg', quality=90)
Image.fromarray(smooth).save(d + '/smooth420.jpg', quality=90)
ref = {}
for f, mode in [('rgb.png', 'RGB'), ('grey.png', 'L'), ('rgba.png', 'RGB'), ('grey-alpha.png', 'L'), ('palette.png', 'RGB'), ('rgb444.jpg', 'RGB'), ('grey.jpg', 'L'), ('smooth420.jpg', 'RGB')]:
    ref[f] = np.asarray(Image.open(d + '/' + f).convert(mode)).ravel().tolist()
print(json.dumps(ref))`, [dir]);
  const ref = JSON.parse(out) as Record<string, number[]>;
  const cases: [string, 1 | 3, boolean, number, number][] = [
    // file, channels, alpha dropped, largest difference allowed, mean difference allowed
    ['rgb.png', 3, false, 0, 0],
    ['grey.png', 1, false, 0, 0],
    ['rgba.png', 3, true, 0, 0],
    ['grey-alpha.png', 1, true, 0, 0],
    ['palette.png', 3, false, 0, 0],
    ['rgb444.jpg', 3, false, 3, 1],
    ['grey.jpg', 1, false, 3, 1],
    // jpeg-js upsamples subsampled chroma (4:2:0) more simply than libjpeg does
    ['smooth420.jpg', 3, false, 12, 2],
  ];
  for (const [file, channels, alpha, maxDiff, meanDiff] of cases) {
    const image = decodeImage(readFileSync(join(dir, file)), file);
    assert.equal(image.channels, channels, file);
    assert.equal(image.alphaDropped, alpha, file);
    const expected = ref[file]!;
    assert.equal(image.data.length, expected.length, file);
    const diffs = expected.map((v, i) => Math.abs(v - image.data[i]!));
    const max = Math.max(...diffs);
    const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
    assert.ok(max <= maxDiff && mean <= meanDiff, `${file}: largest difference ${max}, mean ${mean.toFixed(3)}`);
  }
});

const FASHION = '/usr/share/datasets/fashion-mnist';
test('Fashion-MNIST written out as PNG folders by class (train/ and test/) loads equal to the same images from IDX', { skip: existsSync(join(FASHION, 't10k-images-idx3-ubyte.gz')) ? false : `${FASHION} not installed (Debian's dataset-fashion-mnist)` }, async () => {
  const images = await readIdxFile(join(FASHION, 't10k-images-idx3-ubyte.gz'));
  const labels = await readIdxFile(join(FASHION, 't10k-labels-idx1-ubyte.gz'));
  const dir = join(root, 'fashion');
  const n = 300;
  for (let i = 0; i < n; i++) {
    const split = i < 200 ? 'train' : 'test';
    const path = join(dir, split, `class-${labels.data[i]}`, `${String(i).padStart(5, '0')}.png`);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, grayPng(28, 28, images.data.subarray(i * 784, (i + 1) * 784)));
  }
  const d = await loadData(dir);
  assert.equal(d.kind, 'images');
  assert.deepEqual(d.classes, Array.from({ length: 10 }, (_, c) => `class-${c}`));
  assert.deepEqual(d.sampleShape, [28, 28, 1]);
  for (const [split, from, to] of [[d.train, 0, 200], [d.test!, 200, 300]] as const) {
    // Expected order: by class folder, then by file name (the IDX index).
    const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => labels.data[a]! - labels.data[b]! || a - b);
    assert.equal(split.count, order.length);
    assert.deepEqual([...split.y], order.map((i) => labels.data[i]!));
    const expected = new Uint8Array(order.length * 784);
    order.forEach((i, k) => expected.set(images.data.subarray(i * 784, (i + 1) * 784), k * 784));
    assert.ok(Buffer.from(split.x).equals(Buffer.from(expected)), 'pixels equal');
  }
  assert.deepEqual(d.warnings, []);
});

test('colour images stay colour; other sizes are resized bilinear (or refused on request), alpha and stray files are said', async () => {
  const dir = join(root, 'colour');
  for (let k = 0; k < 3; k++) {
    writePng(join(dir, 'red', `${k}.png`), 6, 4, 3, pattern(4, 6, 3, k));
    writePng(join(dir, 'blue', `${k}.png`), 6, 4, 3, pattern(4, 6, 3, 10 + k));
  }
  writePng(join(dir, 'blue', 'big.png'), 12, 8, 3, pattern(8, 12, 3, 5));
  writePng(join(dir, 'red', 'alpha.png'), 6, 4, 4, pattern(4, 6, 4, 7));
  writeFileSync(join(dir, 'red', 'notes.txt'), 'not an image');
  const d = await loadData(dir);
  assert.deepEqual(d.classes, ['blue', 'red']);
  assert.deepEqual(d.sampleShape, [4, 6, 3]);
  assert.equal(d.train.count, 8);
  assert.deepEqual([...d.train.x.subarray(0, 72)], [...pattern(4, 6, 3, 10)], 'blue/0.png first, as it is');
  assert.deepEqual(d.preprocessing, ['pixels read as value / 255', '1 image resized bilinear (half-pixel centres, no antialiasing) to 4x6']);
  assert.deepEqual(d.warnings, [`alpha channel dropped from 1 image (the first: ${join(dir, 'red', 'alpha.png')})`, `1 file skipped, not .png, .jpg or .jpeg: ${join(dir, 'red', 'notes.txt')}`]);
  await assert.rejects(loadData(dir, { resize: 'refuse' }), { name: 'DataFileError', message: `${join(dir, 'blue', 'big.png')}: 8x12 pixels, expected 4x6 as ${join(dir, 'blue', '0.png')} (resizing refused by option resize)` });
  const grey = await loadData(dir, { channels: 1, size: [2, 3] });
  assert.deepEqual(grey.sampleShape, [2, 3, 1]);
});

test('bad image folders are refused in one line naming the image or the folder', async () => {
  const good = (dir: string) => {
    for (const c of ['a', 'b']) writePng(join(dir, c, '0.png'), 4, 4, 1, pattern(4, 4, 1, 1));
  };
  const refused = async (name: string, make: (dir: string) => void, message: string | RegExp) => {
    const dir = join(root, name);
    good(dir);
    make(dir);
    await assert.rejects(loadData(dir), (e: Error) => e.name === 'DataFileError' && !e.message.includes('\n') && (typeof message === 'string' ? e.message === message.replaceAll('DIR', dir) : message.test(e.message)));
  };
  await refused('truncated', (d) => writeFileSync(join(d, 'a', '1.png'), readFileSync(join(d, 'a', '0.png')).subarray(0, 40)), /truncated\/a\/1\.png: undecodable PNG \(/);
  // A wrong IDAT length: the decoder's message ends in a colon, trimmed to a clean one.
  await refused('idat-length', (d) => writeFileSync(join(d, 'a', '1.png'), readFileSync(join(d, 'a', '0.png')).map((b, i) => (i === 33 ? b ^ 1 : b))), /idat-length\/a\/1\.png: undecodable PNG \(Error while decompressing the data\)$/);
  await refused('garbage-jpeg', (d) => writeFileSync(join(d, 'a', '1.jpg'), Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 1, 2, 9, 9])), /garbage-jpeg\/a\/1\.jpg: (undecodable|truncated or corrupt) JPEG/);
  await refused('not-png', (d) => writeFileSync(join(d, 'a', '1.png'), 'hello'), 'DIR/a/1.png: not a PNG or JPEG image (unknown magic bytes)');
  await refused('empty-class', (d) => mkdirSync(join(d, 'c')), 'DIR/c: empty class folder: no .png, .jpg or .jpeg file');
  await refused('mixed', (d) => writePng(join(d, 'b', '1.png'), 4, 4, 3, pattern(4, 4, 3, 2)), 'DIR/b/1.png: 3 channels, but DIR/a/0.png has 1: mixed channel counts are refused (option channels: 1 or 3 converts them)');
  const huge = new Uint8Array(33);
  huge.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(huge.buffer).setUint32(16, 50_000);
  new DataView(huge.buffer).setUint32(20, 50_000);
  huge.set([8, 2, 0, 0, 0], 24);
  await refused('huge', (d) => writeFileSync(join(d, 'a', '1.png'), huge), 'DIR/a/1.png: PNG header declares 50000x50000 pixels, more than the limit of 50000000 (the loader\'s maxPixels option); refused without decoding');
  const realJpeg = new Uint8Array(jpeg.encode({ width: 4, height: 4, data: new Uint8Array(64).fill(128) }, 90).data);
  await refused('truncated-jpeg', (d) => writeFileSync(join(d, 'b', '1.jpg'), realJpeg.subarray(0, realJpeg.length >> 1)), /truncated-jpeg\/b\/1\.jpg: undecodable JPEG \(/);
  const hugeJpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0xc3, 0x50, 0xc3, 0x50, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
  await refused('huge-jpeg', (d) => writeFileSync(join(d, 'a', '1.jpg'), hugeJpeg), 'DIR/a/1.jpg: JPEG header declares 50000x50000 pixels, more than the limit of 50000000 (the loader\'s maxPixels option); refused without decoding');
  for (const split of ['test', 'validation', 'val']) {
    const dir = join(root, `only-${split}`);
    for (const c of ['a', 'b']) writePng(join(dir, split, c, '0.png'), 4, 4, 1, pattern(4, 4, 1, 1));
    await assert.rejects(loadData(dir), {
      name: 'DataFileError',
      message: `${dir}: a ${split}/ folder of class folders but no train/ folder: there is no training split; give ${join(dir, split)} itself to read its class folders as a dataset, or put training images in train/<class>/ beside it`,
    });
  }
  const named = join(root, 'class-named-test');
  for (const c of ['test', 'prod']) writePng(join(named, c, '0.png'), 4, 4, 1, pattern(4, 4, 1, 1));
  assert.deepEqual((await loadData(named)).classes, ['prod', 'test'], 'a class folder that holds images may be named test');
  const file = join(root, 'one.png');
  writePng(file, 2, 2, 1, pattern(2, 2, 1, 0));
  await assert.rejects(loadData(file, { kind: 'images' }), { message: `${file}: is a file, expected a folder (one sub-folder of images per class)` });
});

test('an image folder too big at the asked size is refused before any image is decoded; one class folder is read when minClasses is 1', async () => {
  const dir = join(root, 'too-big');
  for (const c of ['a', 'b']) for (let k = 0; k < 3; k++) writePng(join(dir, c, `${k}.png`), 4, 4, 1, pattern(4, 4, 1, k));
  // Not an image at all: refused only if it were decoded.
  writeFileSync(join(dir, 'a', '9.png'), 'hello');
  await assert.rejects(
    loadData(dir, { size: [4000, 4000], channels: 3 }),
    (e: Error) => e.name === 'DataFileError' && e.message === `${dir}: 7 images at 4000x4000 pixels (3 bytes a pixel) make 336000000 bytes, more than the limit of 268435456 (256 MiB); ask for a smaller option size`,
  );
  await assert.rejects(loadData(dir, { size: [8000, 8000] }), (e: Error) => e.name === 'DataFileError' && e.message.includes('7 images at 8000x8000 pixels (1 byte a pixel) make 448000000 bytes'));
  const one = join(root, 'one-class');
  for (let k = 0; k < 3; k++) writePng(join(one, 'a', `${k}.png`), 4, 4, 1, pattern(4, 4, 1, k));
  await assert.rejects(loadData(one), (e: Error) => e.name === 'DataFileError' && e.message === `${one}: 1 class folder found, classification needs at least 2 (one sub-folder of images per class)`);
  const read = await loadData(one, { minClasses: 1 });
  assert.deepEqual(read.classes, ['a']);
  assert.equal(read.train.count, 3);
});
