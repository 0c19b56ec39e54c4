/** Layer classes by their saved class name, for loading models. */
import type { Layer, LayerConfig } from './layer.js';
import { Dense, type DenseOptions } from './dense.js';
import { InputLayer, type InputOptions } from './input.js';
import { GaussianNoise, type GaussianNoiseOptions } from '../noise/gaussian-noise.js';
import { GaussianDropout, type GaussianDropoutOptions } from '../noise/gaussian-dropout.js';
import { Dropout, type DropoutOptions } from '../noise/dropout.js';
import { AlphaDropout, type AlphaDropoutOptions } from '../noise/alpha-dropout.js';
import { MaskingNoise, type MaskingNoiseOptions } from '../noise/masking-noise.js';
import { SaltAndPepperNoise, type SaltAndPepperOptions } from '../noise/salt-and-pepper.js';
import { UniformNoise, type UniformNoiseOptions } from '../noise/uniform-noise.js';
import { ModelFileError } from '../errors.js';

type LayerFactory = (config: LayerConfig) => Layer;

const factories = new Map<string, LayerFactory>([
  ['Dense', (c) => new Dense(c as unknown as DenseOptions)],
  ['InputLayer', (c) => new InputLayer(c as unknown as InputOptions)],
  ['GaussianNoise', (c) => new GaussianNoise(c as unknown as GaussianNoiseOptions)],
  ['GaussianDropout', (c) => new GaussianDropout(c as unknown as GaussianDropoutOptions)],
  ['Dropout', (c) => new Dropout(c as unknown as DropoutOptions)],
  ['AlphaDropout', (c) => new AlphaDropout(c as unknown as AlphaDropoutOptions)],
  ['MaskingNoise', (c) => new MaskingNoise(c as unknown as MaskingNoiseOptions)],
  ['SaltAndPepperNoise', (c) => new SaltAndPepperNoise(c as unknown as SaltAndPepperOptions)],
  ['UniformNoise', (c) => new UniformNoise(c as unknown as UniformNoiseOptions)],
]);

/** Makes a layer class loadable from saved models. */
export function registerLayer(className: string, factory: LayerFactory): void {
  factories.set(className, factory);
}

/** Rebuilds a layer from its class name and `getConfig()` output. */
export function layerFromConfig(className: string, config: LayerConfig): Layer {
  const factory = factories.get(className);
  if (!factory) throw new ModelFileError(`unknown layer class '${className}'; known: ${[...factories.keys()].join(', ')}`);
  return factory(config);
}
