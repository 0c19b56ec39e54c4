/** The noise spec language and the technique catalogue, for the CLI. */
export { TECHNIQUES, findTechnique, specSchema, type Technique, type TechniqueParam, type TechniqueKind, type SpecWhere } from './catalogue.js';
export { parseNoiseSpec, noiseStddevSpec, type NoiseSpec } from './parse.js';
export { applyNoiseSpecs, type ApplyOptions, type NoisePlan, type PartSpec } from './apply.js';
export { NoiseSpecError } from './spec-error.js';
