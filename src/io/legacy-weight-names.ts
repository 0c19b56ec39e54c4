/**
 * Weight names of older model files mapped to today's: the `normalization` layer once saved its
 * statistics as `<name>/mean` and `<name>/variance`; it now saves them under TF.js' batch-norm
 * names `<name>/moving_mean` and `<name>/moving_variance`, so that TF.js loads the layer.
 */
import type { LayerSpec } from '../parts/definitions.js';

const RENAMED: Readonly<Record<string, string>> = { mean: 'moving_mean', variance: 'moving_variance' };

/**
 * The weights manifest with the older names of every Normalization layer of `layers` renamed;
 * anything that is not a well-formed manifest is returned as it is, for the manifest check to
 * report.
 */
export function withCurrentWeightNames(manifest: unknown, layers: readonly LayerSpec[]): unknown {
  const normalization = new Set(layers.filter((l) => l.className === 'Normalization').map((l) => l.config.name).filter((n): n is string => typeof n === 'string'));
  if (normalization.size === 0 || !Array.isArray(manifest)) return manifest;
  return manifest.map((group: unknown) => {
    if (!group || typeof group !== 'object' || !Array.isArray((group as { weights?: unknown }).weights)) return group;
    const weights = (group as { weights: unknown[] }).weights.map((w) => {
      if (!w || typeof w !== 'object' || typeof (w as { name?: unknown }).name !== 'string') return w;
      const name = (w as { name: string }).name;
      const slash = name.lastIndexOf('/');
      const renamed = RENAMED[name.slice(slash + 1)];
      return slash > 0 && renamed !== undefined && normalization.has(name.slice(0, slash)) ? { ...w, name: `${name.slice(0, slash)}/${renamed}` } : w;
    });
    return { ...group, weights };
  });
}
