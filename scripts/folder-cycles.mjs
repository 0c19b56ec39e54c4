/**
 * Import cycles between the folders of src/ in a dependency-cruiser result: a folder is the
 * first path segment under src/ (src/io/node/x.ts belongs to io); tests and src/testing are left
 * out, as the layer rules leave them out.
 */

/** The folder of a module under src/, or undefined for the files at the top of src/ and test code. */
const folderOf = (path) => {
  if (/\.test\.ts$/.test(path) || path.startsWith('src/testing/')) return undefined;
  return /^src\/([^/]+)\//.exec(path)?.[1];
};

/**
 * The groups of two or more folders that import each other, directly or through one another
 * (the strongly connected components of the folder graph), each sorted by name.
 * @param {ReadonlyArray<{ source: string, dependencies: ReadonlyArray<{ resolved: string }> }>} modules
 * @returns {string[][]}
 */
export function folderCycles(modules) {
  const next = new Map();
  for (const m of modules) {
    const from = folderOf(m.source);
    if (from === undefined) continue;
    if (!next.has(from)) next.set(from, new Set());
    for (const d of m.dependencies) {
      const to = folderOf(d.resolved);
      if (to !== undefined && to !== from) next.get(from).add(to);
    }
  }
  // Tarjan's algorithm (recursive: the folder graph has a few dozen nodes).
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  let counter = 0;
  const visit = (v) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const group = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return groups;
}
