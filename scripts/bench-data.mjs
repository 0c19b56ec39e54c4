#!/usr/bin/env node
/**
 * Speed of the own-data loaders (after `npm run build`): CSV rows parsed per second (papaparse,
 * then the table's encoding), PNG and JPEG images decoded per second, .npz megabytes read per
 * second (stored and deflated). Inputs are made in memory. Usage: node scripts/bench-data.mjs
 */
import { encode as encodePng } from 'fast-png';
import jpeg from 'jpeg-js';
import { zipSync } from 'fflate';
import { TextEncoder } from 'node:util';
import { parseCsv, tableDataset, decodeImage, parseNpz } from '../dist/index.js';

/** Runs `fn` until at least `minMs` have passed; returns the time per run in milliseconds. */
function time(fn, minMs = 1500) {
  fn();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    runs++;
  }
  return (performance.now() - start) / runs;
}

const rows = 50_000;
const cols = 30;
const lines = ['label,' + Array.from({ length: cols }, (_, j) => `f${j}`).join(',')];
for (let i = 0; i < rows; i++) lines.push(`${i % 3 === 0 ? 'yes' : 'no'},` + Array.from({ length: cols }, (_, j) => ((i * 31 + j * 17) % 1000 / 7).toFixed(4)).join(','));
const csv = new TextEncoder().encode(lines.join('\n'));
const parseMs = time(() => parseCsv(csv, 'bench.csv'));
const { rows: cells } = parseCsv(csv, 'bench.csv');
const tableMs = time(() => tableDataset(cells, 'bench.csv', { target: 'label' }));
console.log(`CSV ${rows} rows x ${cols + 1} columns (${(csv.length / 1e6).toFixed(1)} MB): parse ${Math.round(rows / (parseMs / 1000)).toLocaleString('en')} rows/s, parse + encode ${Math.round(rows / ((parseMs + tableMs) / 1000)).toLocaleString('en')} rows/s`);

const pattern = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (Math.sin(i * 0.05 + seed) * 120 + 128) | 0);
for (const [w, h, c] of [[28, 28, 1], [32, 32, 3], [224, 224, 3]]) {
  const count = w > 100 ? 20 : 500;
  const pngs = Array.from({ length: count }, (_, k) => encodePng({ width: w, height: h, channels: c, depth: 8, data: pattern(w * h * c, k) }));
  const pngMs = time(() => pngs.forEach((b, k) => decodeImage(b, `${k}.png`)));
  const rgba = (k) => {
    const src = pattern(w * h * c, k);
    const out = new Uint8Array(w * h * 4);
    for (let p = 0; p < w * h; p++) for (let q = 0; q < 4; q++) out[4 * p + q] = q === 3 ? 255 : src[p * c + (c === 1 ? 0 : q)];
    return out;
  };
  const jpgs = Array.from({ length: count }, (_, k) => new Uint8Array(jpeg.encode({ width: w, height: h, data: rgba(k) }, 90).data));
  const jpgMs = time(() => jpgs.forEach((b, k) => decodeImage(b, `${k}.jpg`)));
  console.log(`${w}x${h}x${c}: PNG ${Math.round(count / (pngMs / 1000)).toLocaleString('en')} images/s, JPEG ${Math.round(count / (jpgMs / 1000)).toLocaleString('en')} images/s`);
}

const npy = (shape, data) => {
  const dict = `{'descr': '|u1', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  const length = Math.ceil((10 + dict.length + 1) / 64) * 64 - 10;
  const header = new TextEncoder().encode(dict.padEnd(length - 1, ' ') + '\n');
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 255, header.length >> 8]);
  out.set(header, 10);
  out.set(data, 10 + header.length);
  return out;
};
const x = npy([10000, 28, 28], pattern(10000 * 784, 1).map((v) => (v > 200 ? v : 0)));
const y = npy([10000], Uint8Array.from({ length: 10000 }, (_, i) => i % 10));
for (const [name, level] of [['stored', 0], ['deflated', 6]]) {
  const zip = zipSync({ 'x_train.npy': [x, { level }], 'y_train.npy': [y, { level }] });
  const ms = time(() => parseNpz(zip, 'bench.npz'));
  console.log(`.npz ${name} (${(zip.length / 1e6).toFixed(1)} MB file, ${(x.length / 1e6).toFixed(1)} MB of arrays): ${Math.round(x.length / 1e6 / (ms / 1000))} MB/s`);
}
