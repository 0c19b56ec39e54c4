/**
 * What the CLI's model and noise flags mean: `--noise-stddev X` and the default noise become
 * specs, and `--model` names a preset or a JSON model spec file (or a saved model's folder or
 * model.json, whose topology is the spec). The one builder, src/run/build-run.ts, does the rest.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkModelSpec, type ModelSpec } from '../models/model-spec.js';
import { MODEL_PRESETS } from '../models/presets.js';
import { fromTfjsTopology } from '../io/tfjs-topology.js';
import { noiseStddevSpec } from '../techniques/index.js';
import { UsageError } from './usage-error.js';
import { JsonLimitError, parseBoundedJson } from '../schema/bounded-json.js';

/** The default noise of `noisenet train` on the article's model (the `mlp` preset): its Gaussian input noise. */
export const DEFAULT_NOISE_STDDEV = 0.1;

/**
 * The specs a `noisenet train` command line asks for: `--noise-stddev X` is the shorthand
 * `gaussian:stddev=X` placed first (none when X is 0), then every `--noise SPEC` in order.
 * Neither flag: the article's `gaussian:stddev=0.1` on the article's model (`mlp`); any other
 * model (the `convnet` preset, a spec file) trains with the noise it declares, as its source
 * defines it (Keras' convnet has its Dropout 0.5 and no input noise). Only `--noise`: no
 * default Gaussian noise.
 */
export function noiseSpecsFromFlags(noise: readonly string[] | undefined, noiseStddev: number | undefined, model: string | ModelSpec = 'mlp'): string[] {
  const stddev = noiseStddev ?? (noise?.length || model !== 'mlp' ? 0 : DEFAULT_NOISE_STDDEV);
  return [...(stddev > 0 ? [noiseStddevSpec(stddev)] : []), ...(noise ?? [])];
}

/**
 * `--model VALUE`: a preset name as is, else a file: a JSON model spec (`{ "layers": [...] }`),
 * or a saved model (its folder or model.json), whose layers are taken without its weights.
 * @throws UsageError naming the file and the reason (ModelSpecError's path in the JSON included).
 */
export function readModelFlag(where: string, value: string): string | ModelSpec {
  if (Object.hasOwn(MODEL_PRESETS, value)) return value;
  let file = value;
  try {
    if (statSync(value).isDirectory()) file = join(value, 'model.json');
  } catch {
    throw new UsageError(`${where}: --model must be a preset (${Object.keys(MODEL_PRESETS).join(', ')}) or a model spec file, received ${JSON.stringify(value)} (no such file)`);
  }
  let json: unknown;
  try {
    json = parseBoundedJson(readFileSync(file, 'utf8'), `--model ${file}`);
  } catch (e) {
    if (e instanceof JsonLimitError) throw new UsageError(`${where}: ${e.message}`);
    throw new UsageError(`${where}: --model ${file}: ${(e as Error).message}`);
  }
  const saved = json as { noisenet?: { model?: unknown }; modelTopology?: unknown } | null;
  try {
    if (saved?.noisenet?.model) return checkModelSpec(saved.noisenet.model, file);
    if (saved?.modelTopology) return checkModelSpec(fromTfjsTopology(saved.modelTopology), file);
    return checkModelSpec(json, file);
  } catch (e) {
    throw new UsageError(`${where}: ${(e as Error).message}`);
  }
}
