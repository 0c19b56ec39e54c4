/**
 * How noisenet layers are written to and read from the TensorFlow.js topology.
 *
 * - Noise levels: tfjs takes a number, so a scheduled level (`{ from, to, ... }`) is written as
 *   the level training ends at (`to`): continuing training in TF.js resumes with the noise the
 *   model last saw, and it is the level DropConnect's inference rule uses. The `noisenet` key of
 *   model.json keeps the full schedule.
 * - Dense: weight noise and DropConnect have no tfjs equivalent and stay in the `noisenet` key.
 *   DropConnect changes inference (expected weights `(1 - p) W`, `(1 - p) b`), so a Dense with
 *   DropConnect is written as `Dense(linear) -> Rescaling(1 - p) -> Activation`, which TF.js
 *   predicts with exactly; {@link mergeDropConnect} reads that back into one Dense.
 * - MaskingNoise, SaltAndPepperNoise, UniformNoise have no tfjs class: they are written under
 *   their own class names (levels as numbers too), so a topology holding them loads in TF.js
 *   only once such classes are registered there.
 */
import type { LayerConfig } from '../layers/layer.js';
import { INITIALIZERS } from '../layers/initializers.js';
import { finalLevel, type NoiseLevel } from '../noise/schedule.js';
import type { LayerSpec, TfjsLayerConverter, TfjsLayerJson } from './tfjs-topology.js';

export const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
export const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** A level as the number tfjs takes: a constant as is, a schedule as the level training ends at. */
const level = (value: unknown): unknown => (typeof value === 'object' && value !== null ? finalLevel(value as NoiseLevel) : value);
const SCALE = '_dropconnect';
const ACTIVATION = '_activation';

function denseToTfjs(c: LayerConfig): TfjsLayerJson | TfjsLayerJson[] {
  const activation = snake(String(c['activation'] ?? 'linear'));
  const rate = level((c['dropConnect'] as { rate?: unknown } | undefined)?.rate);
  const scaled = typeof rate === 'number' && rate > 0;
  const dense: TfjsLayerJson = {
    class_name: 'Dense',
    config: {
      units: c['units'],
      activation: scaled ? 'linear' : activation,
      use_bias: c['useBias'] ?? true,
      kernel_initializer: { class_name: pascal(String(c['kernelInitializer'] ?? 'glorotUniform')), config: { seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    },
  };
  if (!scaled) return dense;
  const name = String(c['name']);
  const layers = [dense, { class_name: 'Rescaling', config: { name: `${name}${SCALE}`, scale: 1 - rate, offset: 0 } }];
  if (activation !== 'linear') layers.push({ class_name: 'Activation', config: { name: `${name}${ACTIVATION}`, activation } });
  return layers;
}

function denseFromTfjs(c: Record<string, unknown>): LayerSpec {
  const init = camel(String((c['kernel_initializer'] as { class_name?: unknown } | null)?.class_name ?? '').replace(/^./, (x) => x.toLowerCase()));
  const config: LayerConfig = { units: c['units'], activation: camel(String(c['activation'] ?? 'linear')), useBias: c['use_bias'] ?? true };
  if ((INITIALIZERS as readonly string[]).includes(init)) config['kernelInitializer'] = init;
  if (c['drop_connect'] !== undefined) config['dropConnect'] = c['drop_connect'];
  return { className: 'Dense', config };
}

/** A noise layer with its levels (`stddev`, `rate`, ...) written as numbers. */
const noiseLayer = (className: string, ...keys: string[]): [string, TfjsLayerConverter] => [
  className,
  {
    toTfjs: (c) => ({ class_name: className, config: Object.fromEntries(keys.filter((k) => c[k] !== undefined).map((k) => [k, level(c[k])])) }),
    fromTfjs: (c) => ({ className, config: Object.fromEntries(keys.filter((k) => c[k] !== undefined).map((k) => [k, c[k]])) }),
  },
];

/** The exact converters, by noisenet class name. */
export const BUILT_IN_CONVERTERS: ReadonlyArray<[string, TfjsLayerConverter]> = [
  ['Dense', { toTfjs: denseToTfjs, fromTfjs: denseFromTfjs }],
  noiseLayer('GaussianNoise', 'stddev'),
  noiseLayer('GaussianDropout', 'rate'),
  noiseLayer('Dropout', 'rate'),
  noiseLayer('AlphaDropout', 'rate'),
  noiseLayer('MaskingNoise', 'rate'),
  noiseLayer('SaltAndPepperNoise', 'rate', 'min', 'max'),
  noiseLayer('UniformNoise', 'amplitude'),
];

/**
 * Undoes the DropConnect export: a linear Dense followed by its `<name>_dropconnect` Rescaling
 * (and `<name>_activation` Activation) becomes one Dense with `dropConnect: { rate: 1 - scale }`.
 */
export function mergeDropConnect(layers: readonly TfjsLayerJson[]): TfjsLayerJson[] {
  const out: TfjsLayerJson[] = [];
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i]!;
    const scale = layers[i + 1];
    const name = l.config['name'];
    if (l.class_name !== 'Dense' || scale?.class_name !== 'Rescaling' || scale.config['name'] !== `${name}${SCALE}`) {
      out.push(l);
      continue;
    }
    const act = layers[i + 2];
    const hasAct = act?.class_name === 'Activation' && act.config['name'] === `${name}${ACTIVATION}`;
    out.push({ class_name: 'Dense', config: { ...l.config, activation: hasAct ? act.config['activation'] : 'linear', drop_connect: { rate: Number((1 - Number(scale.config['scale'])).toPrecision(15)) } } });
    i += hasAct ? 2 : 1;
  }
  return out;
}
