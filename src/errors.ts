/**
 * Typed errors. Every message is one line that says what was expected and what was found,
 * so the CLI can print it as is.
 */

/** Base class of every error noisenet throws on purpose. */
export class NoisenetError extends Error {
  override name = 'NoisenetError';
}

/** An option or argument outside its allowed range or of the wrong type. */
export class InvalidArgumentError extends NoisenetError {
  override name = 'InvalidArgumentError';
  /** The option or argument at fault, as a path (`units`, `weightNoise.stddev`), when known. */
  argument?: string;
}

/** Data or weights whose shape does not fit where they are used. */
export class ShapeError extends NoisenetError {
  override name = 'ShapeError';
}

/** A layer of a model that does not fit the output of the layer before it: which layer, and why. */
export class LayerShapeError extends ShapeError {
  override name = 'LayerShapeError';
  constructor(
    readonly model: string,
    /** The layer's position in the model, 0 being the input. */
    readonly index: number,
    /** The layer's own message: what it received and what it needs. */
    readonly reason: string,
  ) {
    super(`model '${model}': layer ${index}: ${reason}`);
  }
}

/** A data file that cannot be read: truncated, corrupt, wrong magic, inconsistent counts. */
export class DataFileError extends NoisenetError {
  override name = 'DataFileError';
}

/** A download that failed or a downloaded file that does not match its checksum. */
export class DownloadError extends NoisenetError {
  override name = 'DownloadError';
}

/** A saved model folder that is missing a file or does not match the model it is loaded into. */
export class ModelFileError extends NoisenetError {
  override name = 'ModelFileError';
}

/** A model that cannot be written in another format, e.g. a layer ONNX export has no mapping for. */
export class ExportError extends NoisenetError {
  override name = 'ExportError';
}

/** Training that cannot go on, e.g. a loss that became NaN or infinite. */
export class TrainingError extends NoisenetError {
  override name = 'TrainingError';
}

/**
 * Builds the one message shape every validation shares:
 * `<where>: <argument> must be <expected>, received <value>`.
 */
export function invalid(where: string, argument: string, expected: string, received: unknown): InvalidArgumentError {
  const e = new InvalidArgumentError(`${where}: ${argument} must be ${expected}, received ${formatValue(received)}`);
  e.argument = argument;
  return e;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return String(value);
}
