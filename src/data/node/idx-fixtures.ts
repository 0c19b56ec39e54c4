/** For tests: IDX headers and gzip streams built without holding what they inflate to. */
import { createGzip } from 'node:zlib';

/** An IDX header of unsigned bytes with these dims. */
export function idxHeader(dims: readonly number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length);
  out[2] = 0x08;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  return out;
}

/**
 * gzip of `header` followed by `zeros` zero bytes, compressed as a stream from one 1 MiB buffer,
 * so that building a 200 MB bomb holds about 200 KB.
 */
export async function gzipBomb(header: Uint8Array, zeros: number): Promise<Uint8Array> {
  const gz = createGzip();
  const parts: Buffer[] = [];
  gz.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise<void>((resolve, reject) => {
    gz.on('end', resolve);
    gz.on('error', reject);
  });
  gz.write(header);
  const block = new Uint8Array(1 << 20);
  for (let left = zeros; left > 0; left -= block.length) {
    if (!gz.write(left >= block.length ? block : block.subarray(0, left))) await new Promise((r) => gz.once('drain', r));
  }
  gz.end();
  await done;
  return new Uint8Array(Buffer.concat(parts));
}
