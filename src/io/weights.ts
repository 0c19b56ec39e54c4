/**
 * The weights half of a TF.js layers-model: a manifest of `{name, shape, dtype}` entries in
 * groups, each group's values little-endian and concatenated across its `paths`. noisenet
 * writes the optimizer's state after the model's weights as entries of TF.js' `optimizer`
 * group, named `optimizer/0`, `optimizer/1`, ... in `getWeights()` order.
 *
 * Reading checks everything it can before reading or allocating: paths that leave the model
 * folder, names, shapes and dtypes against the model, the total size against a limit, and
 * (where the files can say) the files' sizes against the manifest.
 */
import { ModelFileError } from '../errors.js';

/** One weight of the manifest. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  /** TF.js marks optimizer state `optimizer`. */
  group?: string;
}

/** One group of the manifest: files holding the group's weights in order. */
export interface WeightGroup {
  paths: string[];
  weights: WeightSpec[];
}

/** A weight's name and shape, as the model declares it (values not needed). */
export interface NamedShape {
  readonly name: string;
  readonly shape: readonly number[];
}

/** Prefix of the optimizer state entries noisenet writes. */
export const OPTIMIZER_PREFIX = 'optimizer/';
/** Largest total of weights read by default: 1 GiB, as for IDX files (`maxBytes` moves it). */
export const DEFAULT_MAX_WEIGHT_BYTES = 2 ** 30;
/** Most weight files a manifest may name (TF.js writes 4 MB shards: 1,000 of them hold 4 GB). */
export const MAX_WEIGHT_FILES = 1000;
/** Most weight entries a manifest may hold. */
export const MAX_WEIGHT_ENTRIES = 100_000;
/** Problems listed in one message; the rest are counted. */
const MAX_PROBLEMS = 8;

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
/** Bytes per value of the TF.js dtypes that can appear in a manifest (strings cannot be skipped). */
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };
const knownDtype = (dtype: unknown): boolean => typeof dtype === 'string' && Object.hasOwn(BYTES, dtype);
const byteLength = (w: WeightSpec): number => size(w.shape) * (knownDtype(w.dtype) ? BYTES[w.dtype]! : NaN);
const fmtShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
/** A name from the manifest as messages show it: at most 80 characters. */
const shown = (name: string): string => (name.length > 80 ? `${name.slice(0, 77)}...` : name);
/** The first problems and a count of the others, so that a message stays one short line. */
const listed = (problems: readonly string[]): string =>
  problems.length > MAX_PROBLEMS ? `${problems.slice(0, MAX_PROBLEMS).join('; ')}; and ${problems.length - MAX_PROBLEMS} more` : problems.join('; ');
/** Weight names as TF.js and Keras spell them; Keras converters may leave a `:0` suffix. */
const bare = (name: string): string => name.replace(/:0$/, '');

/**
 * The manifest and weights file contents for `params` (whose `value`s are written), then the
 * optimizer state arrays, if any, as the `optimizer` group.
 */
export function encodeWeights(params: readonly (NamedShape & { value: ArrayLike<number> })[], file: string, optimizer: readonly Float32Array[] = []): { manifest: WeightGroup[]; data: Uint8Array } {
  const arrays = [...params.map((p) => p.value), ...optimizer];
  const data = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0) * 4);
  const view = new DataView(data.buffer);
  let offset = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++, offset += 4) view.setFloat32(offset, a[i]!, true);
  }
  const weights: WeightSpec[] = params.map((p) => ({ name: p.name, shape: [...p.shape], dtype: 'float32' }));
  optimizer.forEach((s, i) => weights.push({ name: `${OPTIMIZER_PREFIX}${i}`, shape: [s.length], dtype: 'float32', group: 'optimizer' }));
  return { manifest: [{ paths: [file], weights }], data };
}

/** Where the weight files of a manifest are read from (a folder in Node: `weightFilesIn`). */
export interface WeightFiles {
  /**
   * The full name of a manifest path, for reading and for messages, e.g. `dir/weights.bin`.
   * @throws ModelFileError when the path leads outside the model's folder.
   */
  locate(path: string): string;
  /**
   * The bytes of a located file.
   * @throws ModelFileError naming it when it is missing or unreadable.
   */
  read(location: string): Promise<Uint8Array>;
  /** The byte size of a located file, when it can be known without reading it. */
  size?(location: string): Promise<number>;
}

/** What {@link readWeights} returns: the model's weights in `params` order, and noisenet's optimizer state when the manifest has it. */
export interface ReadWeights {
  weights: Float32Array[];
  /** `optimizer/0..n-1` of the manifest, in order; empty when there are none (TF.js' own optimizer weights are skipped). */
  optimizer: Float32Array[];
}

/**
 * Reads the weights of `params` (by name) from the manifest's files.
 * @param where the model.json path, for messages.
 * @param maxBytes refuse manifests declaring more bytes than this before reading anything.
 * @throws ModelFileError listing every weight whose name, shape or dtype does not match, a path
 *   that leaves the folder, a size over `maxBytes`, a missing file, or a byte length that is not
 *   the manifest's.
 */
export async function readWeights(files: WeightFiles, manifest: unknown, params: readonly NamedShape[], where: string, maxBytes = DEFAULT_MAX_WEIGHT_BYTES): Promise<ReadWeights> {
  const groups = checkWeights(manifest, params, where, maxBytes);
  const buffers = await Promise.all(groups.map((g) => readGroup(files, g)));
  const locate = new Map<string, { group: number; offset: number; spec: WeightSpec }>();
  groups.forEach((g, group) => {
    let offset = 0;
    for (const spec of g.weights) {
      locate.set(spec.group === 'optimizer' ? `\0${spec.name}` : bare(spec.name), { group, offset, spec });
      offset += byteLength(spec);
    }
  });
  const floats = (key: string): Float32Array => {
    const f = locate.get(key)!;
    const buf = buffers[f.group]!;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const out = new Float32Array(size(f.spec.shape));
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(f.offset + 4 * i, true);
    return out;
  };
  const optimizer: Float32Array[] = [];
  for (let i = 0; locate.has(`\0${OPTIMIZER_PREFIX}${i}`); i++) optimizer.push(floats(`\0${OPTIMIZER_PREFIX}${i}`));
  const weights = params.map((p) => floats(p.name));
  const problems = [
    ...params.map((p, i) => nonFinite(weights[i]!, `weight ${shown(p.name)}${p.name.includes('/') ? ` (layer ${shown(p.name.slice(0, p.name.lastIndexOf('/')))})` : ''}`)),
    ...optimizer.map((o, i) => nonFinite(o, `optimizer state ${OPTIMIZER_PREFIX}${i}`)),
  ].filter((x): x is string => x !== null);
  if (problems.length) throw new ModelFileError(`${where}: ${listed(problems)}; a model that diverged in training, or a damaged file, cannot be loaded`);
  return { weights, optimizer };
}

/** `what holds NaN at index i (n of m values are NaN or infinite)`, or null when every value is finite. */
function nonFinite(values: Float32Array, what: string): string | null {
  let first = -1;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) continue;
    if (first < 0) first = i;
    count++;
  }
  if (first < 0) return null;
  return `${what} holds ${values[first]} at index ${first} (${count} of ${values.length} values are NaN or infinite)`;
}

/**
 * Checks a manifest against the model's weights without reading any file.
 * @throws ModelFileError as {@link readWeights}.
 */
export function checkWeights(manifest: unknown, params: readonly NamedShape[], where: string, maxBytes = DEFAULT_MAX_WEIGHT_BYTES): WeightGroup[] {
  const groups = checkManifest(manifest, where);
  const found = new Map<string, WeightSpec>();
  const problems: string[] = [];
  let total = 0;
  for (const g of groups) {
    for (const spec of g.weights) {
      const dtype = shown(String(spec.dtype));
      if (knownDtype(spec.dtype)) total += byteLength(spec);
      if (spec.group !== 'optimizer') {
        found.set(bare(spec.name), spec);
        if (spec.dtype !== 'float32') problems.push(`${shown(spec.name)}: dtype must be float32, found ${dtype}`);
      } else if (!knownDtype(spec.dtype)) {
        problems.push(`${shown(spec.name)}: optimizer weight of dtype ${dtype} cannot be skipped (known dtypes: ${Object.keys(BYTES).join(', ')})`);
      } else if (spec.name.startsWith(OPTIMIZER_PREFIX) && (spec.dtype !== 'float32' || spec.shape.length !== 1)) {
        problems.push(`${shown(spec.name)}: optimizer state must be float32 of rank 1, found ${dtype} ${fmtShape(spec.shape)}`);
      }
    }
  }
  if (problems.length) throw new ModelFileError(`${where}: ${listed(problems)}`);
  if (!(total <= maxBytes)) throw new ModelFileError(`${where}: weightsManifest declares ${total} bytes, more than the ${maxBytes} allowed (maxBytes)`);
  const names = new Set(params.map((p) => p.name));
  for (const p of params) {
    const f = found.get(p.name);
    if (!f) problems.push(`${p.name}: missing from the weights manifest`);
    else if (fmtShape(f.shape) !== fmtShape(p.shape)) problems.push(`${p.name}: expected shape ${fmtShape(p.shape)}, found ${shown(fmtShape(f.shape))}`);
  }
  for (const name of found.keys()) if (!names.has(name)) problems.push(`${shown(name)}: in the weights manifest but not in the model`);
  if (problems.length) throw new ModelFileError(`${where}: ${listed(problems)}`);
  return groups;
}

/** Whether a manifest path stays inside the model folder: relative, no `..` segment, no backslash or drive. */
export function pathInsideFolder(path: string): boolean {
  if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\') || path.includes('\0')) return false;
  return !path.split('/').some((segment) => segment === '..');
}

function checkManifest(manifest: unknown, where: string): WeightGroup[] {
  const bad = (what: string): ModelFileError => new ModelFileError(`${where}: weightsManifest ${what}`);
  if (!Array.isArray(manifest)) throw bad('must be a list of {paths, weights} groups');
  // Counted before anything else is looked at: a manifest of a million entries is refused at once.
  const count = (key: 'paths' | 'weights'): number => manifest.reduce((n: number, g: Partial<WeightGroup> | null) => n + (Array.isArray(g?.[key]) ? g[key].length : 0), 0);
  if (count('paths') > MAX_WEIGHT_FILES) throw bad(`names ${count('paths')} weight files, more than the ${MAX_WEIGHT_FILES} a model may have`);
  if (count('weights') > MAX_WEIGHT_ENTRIES) throw bad(`holds ${count('weights')} weights, more than the ${MAX_WEIGHT_ENTRIES} a model may have`);
  manifest.forEach((g: Partial<WeightGroup> | null, i) => {
    if (!g || !Array.isArray(g.paths) || !g.paths.every((p) => typeof p === 'string') || !Array.isArray(g.weights)) {
      throw bad(`[${i}] must be {paths: [file, ...], weights: [...]}`);
    }
    for (const p of g.paths) if (!pathInsideFolder(p)) throw bad(`[${i}].paths: ${shown(JSON.stringify(p))} leaves the model folder; weight files must be inside it, named relative to model.json`);
    g.weights.forEach((w: Partial<WeightSpec> & { quantization?: unknown }, j) => {
      const ok = w && typeof w.name === 'string' && Array.isArray(w.shape) && w.shape.every((d) => Number.isSafeInteger(d) && d >= 0);
      if (!ok) throw bad(`[${i}].weights[${j}] must be {name, shape, dtype}`);
      if (w.quantization) throw bad(`${shown(w.name!)}: quantized weights are not supported`);
      w.dtype ??= 'float32';
    });
  });
  return manifest as WeightGroup[];
}

/** A group's files concatenated, their sizes checked against the manifest before they are read when the files can say. */
async function readGroup(files: WeightFiles, g: WeightGroup): Promise<Uint8Array> {
  const bytes = g.weights.reduce((n, w) => n + byteLength(w), 0);
  const locations = g.paths.map((p) => files.locate(p));
  const mismatch = (found: number): ModelFileError => {
    const values = g.weights.every((w) => w.dtype === 'float32') ? `${bytes / 4} float32 values for ` : '';
    const named = locations.length > 3 ? `${locations.slice(0, 2).join(' + ')} + ... + ${locations[locations.length - 1]!} (${locations.length} files)` : locations.join(' + ');
    return new ModelFileError(`${named}: expected ${bytes} bytes (${values}${g.weights.length} weights), found ${found}`);
  };
  if (files.size) {
    const sizes = await Promise.all(locations.map((l) => files.size!(l)));
    const found = sizes.reduce((a, b) => a + b, 0);
    if (found !== bytes) throw mismatch(found);
  }
  const parts = await Promise.all(locations.map((l) => files.read(l)));
  const data = parts.length === 1 ? parts[0]! : concat(parts);
  if (data.byteLength !== bytes) throw mismatch(data.byteLength);
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
