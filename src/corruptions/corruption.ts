/**
 * What a corruption is: a seeded function from an image to a corrupted copy, with a severity
 * scale 1-5 whose levels are the parameters of the published MNIST-C code (Mu & Gilmer 2019),
 * and the severity the benchmark itself applies. Each corruption is declared once with
 * {@link defineCorruption}; the catalogue, the CLI's list, its errors and the docs read it.
 */
import type { Xoshiro128 } from '../random/xoshiro.js';
import { InvalidArgumentError, ShapeError } from '../errors.js';

/** The highest severity; severity 0 is the image itself. */
export const MAX_SEVERITY = 5;

/** An image as floats in [0, 1]: `height * width * channels` values, row-major, channels last. */
export interface CorruptionImage {
  readonly height: number;
  readonly width: number;
  /** 1 (grey) or more (colour, e.g. 3 for RGB). */
  readonly channels: number;
  readonly data: Float32Array;
}

/** What a corruption's function receives besides the image. */
export interface CorruptionContext {
  /** The image's seeded stream: the same seed gives the same corruption. */
  readonly rng: Xoshiro128;
  /**
   * `min(height, width) / 28`: lengths of the published parameters (blur widths, shifts, line
   * widths) are in pixels of a 28 x 28 image, and are multiplied by this on other sizes.
   */
  readonly scale: number;
}

/** A corruption's declaration, as written beside its function. */
export interface CorruptionSpec<P> {
  /** The name as the benchmark and the CLI spell it, e.g. `shot_noise`. */
  readonly name: string;
  /** One line: what it does. */
  readonly summary: string;
  /** How it works, its parameters' meaning, and how colour images and other sizes are treated. */
  readonly details: string;
  /**
   * The parameters of severities 1 to 5 (the published code's list), or null when the
   * corruption has no severity (every severity from 1 to 5 gives the same corruption).
   */
  readonly levels: readonly [P, P, P, P, P] | null;
  /** The severity the MNIST-C benchmark applies (its function's default); absent without levels. */
  readonly benchmarkSeverity?: number;
  /** How a level reads in the docs, e.g. `c = 3`. */
  readonly describeLevel?: (level: P) => string;
  /** The smallest height and width it accepts; default 1. */
  readonly minSize?: number;
  /** Returns the corrupted image's values in [0, 1] (the same layout as `image.data`). */
  readonly apply: (image: CorruptionImage, level: P, context: CorruptionContext) => Float32Array;
}

/** A declared corruption. */
export interface Corruption {
  readonly name: string;
  readonly summary: string;
  readonly details: string;
  /** Whether the severity changes the corruption. */
  readonly hasSeverity: boolean;
  /** The severity of the benchmark's setting (1 to 5), or null without severity. */
  readonly benchmarkSeverity: number | null;
  /** The five levels as the docs write them, or null without severity. */
  readonly levelDocs: readonly string[] | null;
  readonly minSize: number;
  /**
   * A corrupted copy of `image` at `severity` (0 = the image itself, 1 to 5, or `default` for
   * the benchmark's), its values in [0, 1].
   * @throws InvalidArgumentError for a severity outside 0-5; ShapeError for an image smaller than `minSize`.
   */
  corrupt(image: CorruptionImage, severity: number | 'default', context: CorruptionContext): Float32Array;
}

/** The severity to apply: `default` is the benchmark's (1 when the corruption has none). */
export function resolveSeverity(corruption: Corruption, severity: number | 'default'): number {
  if (severity === 'default') return corruption.benchmarkSeverity ?? 1;
  checkSeverity(corruption.name, severity);
  return severity;
}

/** @throws InvalidArgumentError unless `severity` is an integer from 0 to {@link MAX_SEVERITY}. */
export function checkSeverity(where: string, severity: unknown): number {
  if (typeof severity !== 'number' || !Number.isInteger(severity) || severity < 0 || severity > MAX_SEVERITY) {
    const error = new InvalidArgumentError(`${where}: severity must be an integer from 0 to ${MAX_SEVERITY} or 'default', got ${String(severity)}`);
    error.argument = 'severity';
    throw error;
  }
  return severity;
}

/** Declares a corruption; see {@link CorruptionSpec}. */
export function defineCorruption<P>(spec: CorruptionSpec<P>): Corruption {
  const minSize = spec.minSize ?? 1;
  const levels = spec.levels;
  const corruption: Corruption = {
    name: spec.name,
    summary: spec.summary,
    details: spec.details,
    hasSeverity: levels !== null,
    benchmarkSeverity: levels === null ? null : (spec.benchmarkSeverity ?? 1),
    levelDocs: levels === null ? null : levels.map((l) => (spec.describeLevel ? spec.describeLevel(l) : JSON.stringify(l))),
    minSize,
    corrupt(image, severity, context) {
      const s = resolveSeverity(corruption, severity);
      checkImage(spec.name, image, minSize);
      if (s === 0) return Float32Array.from(image.data);
      const out = spec.apply(image, (levels === null ? undefined : levels[s - 1]) as P, context);
      for (let i = 0; i < out.length; i++) {
        const v = out[i]!;
        out[i] = v > 0 ? (v < 1 ? v : 1) : 0;
      }
      return out;
    },
  };
  return corruption;
}

function checkImage(name: string, image: CorruptionImage, minSize: number): void {
  const { height, width, channels, data } = image;
  if (!(Number.isInteger(height) && Number.isInteger(width) && Number.isInteger(channels) && channels >= 1)) {
    throw new ShapeError(`${name}: an image needs integer height, width and channels >= 1, got ${height} x ${width} x ${channels}`);
  }
  if (height < minSize || width < minSize) throw new ShapeError(`${name}: images of at least ${minSize} x ${minSize} pixels expected, got ${height} x ${width}`);
  if (data.length !== height * width * channels) throw new ShapeError(`${name}: ${height} x ${width} x ${channels} = ${height * width * channels} values expected, got ${data.length}`);
}
