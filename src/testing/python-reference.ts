/**
 * For tests: Debian's Python (numpy, PIL, scikit-learn) as the reference that data loaders are
 * checked against. Tests skip, saying why, when no python3 here imports the modules they need.
 */
import { spawnSync } from 'node:child_process';

const PYTHONS = ['/usr/bin/python3', 'python3'];
const found = new Map<string, string | null>();

/** The first python3 that imports every one of `modules` (e.g. `numpy`, `PIL`, `sklearn`), or null. */
export function pythonWith(modules: readonly string[]): string | null {
  const key = modules.join(',');
  if (!found.has(key)) {
    const script = modules.map((m) => `import ${m}`).join('; ');
    found.set(key, PYTHONS.find((p) => spawnSync(p, ['-c', script], { stdio: 'ignore' }).status === 0) ?? null);
  }
  return found.get(key)!;
}

/** A `skip` value for node:test: false when a python3 imports `modules`, else the reason. */
export function pythonSkip(modules: readonly string[]): string | false {
  return pythonWith(modules) ? false : `no python3 here imports ${modules.join(', ')} (Debian's python3-numpy, python3-pil, python3-sklearn)`;
}

/** Runs `script` with a python3 that has `modules`, `args` as sys.argv[1:]; returns its standard output. */
export function runPython(modules: readonly string[], script: string, args: readonly string[] = []): string {
  const py = pythonWith(modules);
  if (!py) throw new Error(`runPython: ${pythonSkip(modules)}`);
  const r = spawnSync(py, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout;
}
