/**
 * The residual branches of a model spec, found from its graph: a residual block is an `Add` of
 * two layers whose nearest common ancestor (the block's entry) reaches one of them directly or
 * through fewer layers (the shortcut: the identity, or a projection) than the other (the branch).
 * Branch techniques insert a layer at the end of each branch, or give each block a second branch.
 */
import type { LayerSpec } from '../parts/definitions.js';

/** One residual block of a spec, by list positions. */
export interface ResidualBlock {
  /** The `Add` that joins the branch and the shortcut. */
  readonly add: number;
  /** The branch's last layer, an input of the add. */
  readonly branchEnd: number;
  /** The layers of the branch, entry excluded, in list order. */
  readonly branch: readonly number[];
}

/** The layers each layer reads, by list position (by default the layer listed before it). */
function inputsOf(layers: readonly LayerSpec[]): number[][] {
  const byName = new Map(layers.map((l, i) => [l.config.name, i]));
  return layers.map((l, i) => (l.className === 'InputLayer' ? [] : l.inputs ? l.inputs.map((n) => byName.get(n) ?? -1).filter((j) => j >= 0) : [i - 1]));
}

/** The residual blocks of `layers`, in list order (by their add). */
export function residualBlocks(layers: readonly LayerSpec[]): ResidualBlock[] {
  const ins = inputsOf(layers);
  const memo = new Map<number, Set<number>>();
  const ancestors = (i: number): Set<number> => {
    let set = memo.get(i);
    if (set) return set;
    set = new Set([i]);
    memo.set(i, set);
    for (const j of ins[i]!) for (const a of ancestors(j)) set.add(a);
    return set;
  };
  const blocks: ResidualBlock[] = [];
  layers.forEach((l, add) => {
    if (l.className !== 'Add' || ins[add]!.length !== 2) return;
    const [u, v] = ins[add] as [number, number];
    const common = [...ancestors(u)].filter((a) => ancestors(v).has(a));
    if (common.length === 0) return;
    const entry = common.reduce((best, a) => (ancestors(a).size > ancestors(best).size ? a : best));
    const path = (w: number): number[] => [...ancestors(w)].filter((a) => !ancestors(entry).has(a)).sort((a, b) => a - b);
    const [pu, pv] = [path(u), path(v)];
    const [branchEnd, branch] = pu.length >= pv.length ? [u, pu] : [v, pv];
    if (branch.length > 0) blocks.push({ add, branchEnd, branch });
  });
  return blocks;
}

/** The names each layer reads, made explicit. */
export function explicitInputs(layers: readonly LayerSpec[]): (string[] | undefined)[] {
  return inputsOf(layers).map((ins, i) => (layers[i]!.className === 'InputLayer' ? undefined : ins.map((j) => String(layers[j]!.config.name))));
}
