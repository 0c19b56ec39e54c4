/** The noise spec language and the technique catalogue, for the CLI. */
export { TECHNIQUES, findTechnique, type Technique, type TechniqueParam, type TechniqueKind, type SpecWhere } from './catalogue.js';
export { parseNoiseSpec, noiseStddevSpec, type NoiseSpec } from './parse.js';
export { applyNoiseSpecs, type NoiseModelOptions, type NoisePlan } from './apply.js';
