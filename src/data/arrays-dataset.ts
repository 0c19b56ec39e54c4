/**
 * A dataset from named NumPy arrays (an `.npz` file's): samples `x_train` `[n, ...]`, targets
 * `y_train` `[n]`, and `x_test`, `y_test` when there are, or names given. Byte samples (uint8)
 * stay bytes read as value / 255, as images are; other dtypes become float32. Integer targets
 * are class indices (0 to the largest); float targets make a regression.
 */
import { DataFileError } from '../errors.js';
import { REGRESSION_ADVICE, type DataSplit, type DataTask, type LoadedData } from './loaded-data.js';
import { type NpyArray, npyToFloat32 } from './npy.js';

/** Which arrays hold what; the defaults are Keras' names. */
export interface ArrayNames {
  /** Default `x_train` (or `x` when there is no `x_train`). */
  readonly x?: string;
  /** Default `y_train` (or `y`). */
  readonly y?: string;
  /** Default `x_test`; a dataset without it has no test split. */
  readonly xTest?: string;
  /** Default `y_test`. */
  readonly yTest?: string;
  /** Class names, index = class; default the indices as text. */
  readonly classes?: readonly string[];
  /** Default: `classification` for integer targets, `regression` for floats. */
  readonly task?: DataTask;
}

/**
 * The dataset of named arrays.
 * @param where the file's name, put at the start of every error message.
 * @throws DataFileError naming the file and the array when one is missing (the names present are
 *   listed), counts differ, sample shapes differ, or targets are not one per sample.
 */
export function arraysDataset(arrays: Readonly<Record<string, NpyArray>>, where: string, names: ArrayNames = {}): LoadedData {
  const present = Object.keys(arrays);
  const find = (given: string | undefined, defaults: string[], required: boolean): string | undefined => {
    const name = given ?? defaults.find((n) => n in arrays);
    if (name !== undefined && name in arrays) return name;
    if (!required && given === undefined) return undefined;
    throw new DataFileError(`${where}: no array named '${given ?? defaults[0]}'; the arrays are ${present.map((n) => `'${n}'`).join(', ') || 'none'}`);
  };
  const xName = find(names.x, ['x_train', 'x'], true)!;
  const yName = find(names.y, ['y_train', 'y'], true)!;
  const xTestName = find(names.xTest, ['x_test'], false);
  const yTestName = xTestName === undefined ? undefined : find(names.yTest, ['y_test'], true);
  const x = arrays[xName]!;
  if (x.shape.length < 2) throw new DataFileError(`${where}: ${xName} must have a sample dimension and at least one more, found shape (${x.shape.join(', ')})`);
  const bytes = x.dtype === 'uint8';
  const sampleShape = x.shape.length === 3 && bytes ? [...x.shape.slice(1), 1] : x.shape.slice(1);
  const floatTargets = arrays[yName]!.dtype === 'float32' || arrays[yName]!.dtype === 'float64';
  const task: DataTask = names.task ?? (floatTargets ? 'regression' : 'classification');
  const split = (xn: string, yn: string): DataSplit => {
    const xs = arrays[xn]!;
    const ys = arrays[yn]!;
    if (xs.shape.slice(1).join() !== x.shape.slice(1).join()) throw new DataFileError(`${where}: ${xn} has samples of shape (${xs.shape.slice(1).join(', ')}), ${xName} of (${x.shape.slice(1).join(', ')})`);
    const flat = ys.shape.length === 1 || (ys.shape.length === 2 && ys.shape[1] === 1);
    if (!flat || ys.shape[0] !== xs.shape[0]) throw new DataFileError(`${where}: ${yn} must hold one target per sample of ${xn} (${xs.shape[0]}), found shape (${ys.shape.join(', ')})`);
    const values = npyToFloat32(ys);
    if (task === 'classification') {
      const bad = values.findIndex((v) => !Number.isInteger(v) || v < 0);
      if (bad >= 0) throw new DataFileError(`${where}: ${yn}[${bad}] is ${values[bad]}, expected a class index (an integer from 0); ${REGRESSION_ADVICE} for continuous targets`);
    }
    const data = bytes ? (xs.data as Uint8Array) : npyToFloat32(xs);
    return { x: data, y: task === 'classification' ? Int32Array.from(values) : values, count: xs.shape[0]! };
  };
  const train = split(xName, yName);
  const test = xTestName === undefined ? null : split(xTestName, yTestName!);
  let classes: readonly string[] = [];
  if (task === 'classification') {
    let top = 0;
    for (const s of [train, ...(test ? [test] : [])]) for (let i = 0; i < s.count; i++) top = Math.max(top, s.y[i]! + 1);
    classes = names.classes ?? Array.from({ length: top }, (_, i) => String(i));
    if (classes.length < top) throw new DataFileError(`${where}: ${classes.length} class names given, but the targets go up to ${top - 1}`);
    if (top < 2) throw new DataFileError(`${where}: ${yName} has one class only (0); classification needs at least 2`);
  }
  return {
    kind: 'arrays',
    source: `arrays ${where}`,
    task,
    sampleShape,
    xScale: bytes ? 1 / 255 : 1,
    classes,
    train,
    test,
    preprocessing: bytes ? ['uint8 samples read as value / 255'] : x.dtype === 'float32' ? [] : [`${x.dtype} samples converted to float32`],
    warnings: [],
  };
}
