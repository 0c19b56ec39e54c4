/** Name and value conversions between noisenet configs and the TensorFlow.js (Keras) format. */
import { finalLevel, type NoiseLevel } from '../schema/noise-schedule.js';

/** `useBias` -> `use_bias`. */
export const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
/** `use_bias` -> `useBias`. */
export const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
/** `glorotUniform` -> `GlorotUniform`. */
export const pascal = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** A level as the number tfjs takes: a constant as is, a schedule as the level training ends at. */
export const tfjsLevel = (value: unknown): unknown => (typeof value === 'object' && value !== null && 'from' in value ? finalLevel(value as NoiseLevel) : value);
