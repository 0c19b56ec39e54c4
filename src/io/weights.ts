/**
 * The weights half of a TF.js layers-model: a manifest of `{name, shape, dtype}` entries in
 * groups, each group's float32 values little-endian and concatenated across its `paths`.
 */
import type { Weight } from '../layers/layer.js';
import { ModelFileError } from '../errors.js';

/** One weight of the manifest. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  /** TF.js marks optimizer state `optimizer`; noisenet skips it. */
  group?: string;
}

/** One group of the manifest: files holding the group's weights in order. */
export interface WeightGroup {
  paths: string[];
  weights: WeightSpec[];
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
/** Bytes per value of the TF.js dtypes that can appear in a manifest (strings cannot be skipped). */
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };
const byteLength = (w: WeightSpec): number => size(w.shape) * (BYTES[w.dtype] ?? NaN);
const fmtShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
/** Weight names as TF.js and Keras spell them; Keras converters may leave a `:0` suffix. */
const bare = (name: string): string => name.replace(/:0$/, '');

/** The manifest and `weights.bin` contents for `params`, whose values are `values`. */
export function encodeWeights(params: readonly Weight[], file: string): { manifest: WeightGroup[]; data: Uint8Array } {
  const total = params.reduce((n, p) => n + p.value.length, 0);
  const data = new Uint8Array(total * 4);
  const view = new DataView(data.buffer);
  let offset = 0;
  for (const p of params) {
    for (let i = 0; i < p.value.length; i++, offset += 4) view.setFloat32(offset, p.value[i]!, true);
  }
  const weights = params.map((p) => ({ name: p.name, shape: [...p.shape], dtype: 'float32' }));
  return { manifest: [{ paths: [file], weights }], data };
}

/** Where the weight files of a manifest are read from (a folder in Node: `weightFilesIn`). */
export interface WeightFiles {
  /** The full name of a manifest path, for reading and for messages, e.g. `dir/weights.bin`. */
  locate(path: string): string;
  /**
   * The bytes of a located file.
   * @throws ModelFileError naming it when it is missing or unreadable.
   */
  read(location: string): Promise<Uint8Array>;
}

/**
 * Reads the weights of `params` (by name) from the manifest's files.
 * @param where the model.json path, for messages.
 * @throws ModelFileError listing every weight whose name, shape or dtype does not match, a
 *   missing file, or a byte length that is not the manifest's.
 */
export async function readWeights(files: WeightFiles, manifest: unknown, params: readonly Weight[], where: string): Promise<Float32Array[]> {
  const groups = checkManifest(manifest, where);
  const found = new Map<string, { group: number; offset: number; spec: WeightSpec }>();
  const problems: string[] = [];
  groups.forEach((g, group) => {
    let offset = 0;
    for (const spec of g.weights) {
      if (spec.group !== 'optimizer') {
        found.set(bare(spec.name), { group, offset, spec });
        if (spec.dtype !== 'float32') problems.push(`${spec.name}: dtype must be float32, found ${spec.dtype}`);
      } else if (!(spec.dtype in BYTES)) {
        problems.push(`${spec.name}: optimizer weight of dtype ${spec.dtype} cannot be skipped`);
      }
      offset += byteLength(spec);
    }
  });
  const names = new Set(params.map((p) => p.name));
  for (const p of params) {
    const f = found.get(p.name);
    if (!f) problems.push(`${p.name}: missing from the weights manifest`);
    else if (fmtShape(f.spec.shape) !== fmtShape(p.shape)) problems.push(`${p.name}: expected shape ${fmtShape(p.shape)}, found ${fmtShape(f.spec.shape)}`);
  }
  for (const name of found.keys()) if (!names.has(name)) problems.push(`${name}: in the weights manifest but not in the model`);
  if (problems.length) throw new ModelFileError(`${where}: ${problems.join('; ')}`);

  const buffers = await Promise.all(groups.map((g) => readGroup(files, g)));
  return params.map((p) => {
    const f = found.get(p.name)!;
    const view = new DataView(buffers[f.group]!.buffer, buffers[f.group]!.byteOffset, buffers[f.group]!.byteLength);
    const out = new Float32Array(p.value.length);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(f.offset + 4 * i, true);
    return out;
  });
}

function checkManifest(manifest: unknown, where: string): WeightGroup[] {
  const bad = (what: string): ModelFileError => new ModelFileError(`${where}: weightsManifest ${what}`);
  if (!Array.isArray(manifest)) throw bad('must be a list of {paths, weights} groups');
  manifest.forEach((g: Partial<WeightGroup> | null, i) => {
    if (!g || !Array.isArray(g.paths) || !g.paths.every((p) => typeof p === 'string') || !Array.isArray(g.weights)) {
      throw bad(`[${i}] must be {paths: [file, ...], weights: [...]}`);
    }
    g.weights.forEach((w: Partial<WeightSpec> & { quantization?: unknown }, j) => {
      const ok = w && typeof w.name === 'string' && Array.isArray(w.shape) && w.shape.every((d) => Number.isInteger(d) && d >= 0);
      if (!ok) throw bad(`[${i}].weights[${j}] must be {name, shape, dtype}`);
      if (w.quantization) throw bad(`${w.name}: quantized weights are not supported`);
      w.dtype ??= 'float32';
    });
  });
  return manifest as WeightGroup[];
}

/** A group's files concatenated, checked against the byte length its weights need. */
async function readGroup(files: WeightFiles, g: WeightGroup): Promise<Uint8Array> {
  const parts = await Promise.all(g.paths.map((p) => files.read(files.locate(p))));
  const data = parts.length === 1 ? parts[0]! : concat(parts);
  const bytes = g.weights.reduce((n, w) => n + byteLength(w), 0);
  if (data.byteLength !== bytes) {
    const names = g.paths.map((p) => files.locate(p)).join(' + ');
    const values = g.weights.every((w) => w.dtype === 'float32') ? `${bytes / 4} float32 values for ` : '';
    throw new ModelFileError(`${names}: expected ${bytes} bytes (${values}${g.weights.length} weights), found ${data.byteLength}`);
  }
  return data;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
