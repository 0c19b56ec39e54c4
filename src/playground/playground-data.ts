/**
 * What the playground trains on: a dataset of grey images (MNIST's family, IDX files, grey
 * images given on the page), or the user's own data as the loaders read it (colour images kept
 * in colour, a table of features). One view of both for the session, the worker and the page:
 * the experiment's sets, the class names, the sample shape, a validation sample, a description.
 */
import type { Dataset } from '../data/types.js';
import type { LoadedData } from '../data/loaded-data.js';
import { sampleSize } from '../data/loaded-data.js';
import type { ExperimentConfig } from '../experiments/config.js';
import { experimentData, type ExperimentData } from '../experiments/experiment-data.js';
import { ownExperimentData } from '../experiments/own-data.js';

/** The user's own data as a loader read it (already split: see `withValidationSplit`). */
export interface OwnData {
  readonly kind: 'own';
  /** A short name, e.g. `iris.csv` or `own images`. */
  readonly name: string;
  /** The file or top folder as given (`iris.csv`, `fashion`): the `data.path` a rerun with `noisenet compare --config` reads. */
  readonly path?: string;
  /** A table's target column, when one was named. */
  readonly target?: string | number;
  /** Image folders: the channel count every image was converted to (grey and colour mixed are read in colour). */
  readonly channels?: 1 | 3;
  readonly loaded: LoadedData;
  /** A target of two classes trained as yes/no: one sigmoid output, binary cross-entropy. */
  readonly binary?: boolean;
}

/** The data of a playground run. */
export type PlaygroundData = Dataset | OwnData;

/** The datasets of handwritten digits: the only ones the drawing pad is offered for. */
export const DIGIT_DATASETS: readonly string[] = ['mnist', 'mnist-mini'];

/** Whether `d` is the user's own data read by a loader. */
export function isOwnData(d: PlaygroundData): d is OwnData {
  return 'kind' in d && d.kind === 'own';
}

/** Whether drawing a digit makes sense for `d`: digit images (MNIST, mnist-mini), not other images or tables. */
export function isDigitData(d: PlaygroundData): boolean {
  return !isOwnData(d) && DIGIT_DATASETS.includes(d.name);
}

/** The shape of one sample: `[height, width, channels]` for images, `[features]` for tables. */
export function sampleShapeOf(d: PlaygroundData): readonly number[] {
  return isOwnData(d) ? d.loaded.sampleShape : [d.train.height, d.train.width, 1];
}

/** What a model of `d` learns: classes, a yes/no target (binary) or a value (regression). */
export function taskOfData(d: PlaygroundData): 'multiclass' | 'binary' | 'regression' {
  if (!isOwnData(d)) return 'multiclass';
  return d.loaded.task === 'regression' ? 'regression' : d.binary ? 'binary' : 'multiclass';
}

/** Class names, index = class. */
export function classesOf(d: PlaygroundData): readonly string[] {
  return isOwnData(d) ? d.loaded.classes : d.classes;
}

/** Training and validation sample counts. */
export function countsOf(d: PlaygroundData): { train: number; validation: number } {
  return isOwnData(d) ? { train: d.loaded.train.count, validation: d.loaded.test?.count ?? 0 } : { train: d.train.count, validation: d.test.count };
}

/** A one-line description of `d` for the page. */
export function describeData(d: PlaygroundData): string {
  const { train, validation } = countsOf(d);
  const shape = sampleShapeOf(d);
  const classes = classesOf(d);
  const source = isOwnData(d) ? d.loaded.source : d.source;
  const what = shape.length === 1 ? `rows of ${shape[0]} features` : `images of ${shape[0]}x${shape[1]}${shape[2] === 3 ? ' in colour' : ''}`;
  // A folder with test/ (or an .npz with x_test) is validated on that split, not on a share held out.
  const ownTest = isOwnData(d) && d.loaded.kind !== 'table' && d.loaded.test !== null && d.loaded.validationSplit === undefined ? ['validated on its own test split'] : [];
  const notes = isOwnData(d) ? [...d.loaded.preprocessing, ...ownTest, ...d.loaded.warnings] : [];
  const task = taskOfData(d);
  const target = task === 'regression' ? 'a continuous target, trained as a regression' : `${classes.length} classes (${classes.slice(0, 10).join(', ')}${classes.length > 10 ? ', …' : ''}${task === 'binary' ? '; a yes/no target, trained as binary' : ''}`;
  return `${d.name}: ${train} training and ${validation} validation ${what}, ${task === 'regression' ? `${target} (${source})` : `${target}; ${source})`}.${notes.length > 0 ? ` ${notes.join('; ')}.` : ''}`;
}

/** Validation sample `i` (modulo their count) as the model takes it, and its class (a regression's target value). */
export function validationSample(d: PlaygroundData, i: number): { index: number; values: Float32Array; label: number } {
  if (isOwnData(d)) {
    const test = d.loaded.test;
    if (!test || test.count === 0) throw new Error(`${d.name} has no validation samples`);
    const index = i % test.count;
    const size = sampleSize(d.loaded);
    const scale = d.loaded.xScale;
    return { index, values: Float32Array.from(test.x.subarray(index * size, (index + 1) * size), (v) => v * scale), label: test.y[index]! };
  }
  const { test } = d;
  const index = i % test.count;
  const size = test.height * test.width;
  return { index, values: Float32Array.from(test.images.subarray(index * size, (index + 1) * size), (v) => v / 255), label: test.labels[index]! };
}

/**
 * The experiment's training and validation sets of `d`: for own data, as `noisenet compare
 * --data` makes them (a table's features standardised by a normalization layer adapted on the
 * training set).
 */
export function playgroundExperimentData(d: PlaygroundData, config: Pick<ExperimentConfig, 'trainSize' | 'valSize' | 'dataSeed' | 'data'>): ExperimentData {
  if (!isOwnData(d)) return experimentData(d, config);
  const data = ownExperimentData(d.loaded, d.name, config);
  return d.binary ? { ...data, task: 'binary' } : data;
}
