#!/usr/bin/env node
/**
 * Bundles the third-party code of the Node build into the compiled modules that use it, so that
 * an install of noisenet brings no dependency: vega and vega-lite into dist/report/render.js,
 * protobufjs' light build into dist/io/onnx/proto.js, papaparse into dist/data/csv.js, fflate into
 * dist/data/zip.js, fast-png and jpeg-js into dist/data/decode-image.js, fast-png into dist/data/encode-png.js (each module's own relative imports stay
 * imports). The license texts of every bundled package go to dist/THIRD-PARTY-NOTICES.md.
 * Run by `npm run build` after tsc. Usage: node scripts/bundle-dependencies.mjs
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, sep } from 'node:path';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The compiled modules whose package imports are bundled into them. */
export const BUNDLED_MODULES = ['report/render.js', 'io/onnx/proto.js', 'data/csv.js', 'data/zip.js', 'data/decode-image.js', 'data/encode-png.js'];

/**
 * Modules of the core (web-standard, run in browsers too): their packages are bundled in their
 * browser builds, so no Node builtin (`module`, `worker_threads`) enters the core.
 */
const CORE_MODULES = new Set(['data/csv.js', 'data/zip.js', 'data/decode-image.js', 'data/encode-png.js']);

/** esbuild plugin: the module's relative imports (the rest of noisenet) stay external. */
const keepRelative = {
  name: 'keep-relative',
  setup(b) {
    b.onResolve({ filter: /^\.\.?(\/|$)/ }, (args) => (args.kind === 'entry-point' || /[\\/]node_modules[\\/]/.test(args.importer) ? undefined : { path: args.path, external: true }));
  },
};

/** The package folder (under node_modules) of an input path, or null for noisenet's own files. */
function packageDir(input) {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return null;
  const n = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return join(root, ...parts.slice(0, at + 1 + n));
}

function licenseText(dir) {
  const file = readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.md|\.txt)?$/i.test(f));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : null;
}

try {
  const packages = new Map();
  for (const module of BUNDLED_MODULES) {
    const file = join(root, 'dist', module);
    const result = await build({
      entryPoints: [file],
      outfile: file,
      allowOverwrite: true,
      bundle: true,
      format: 'esm',
      platform: CORE_MODULES.has(module) ? 'browser' : 'node',
      target: CORE_MODULES.has(module) ? 'es2022' : 'node20',
      minify: true,
      legalComments: 'none',
      metafile: true,
      logLevel: 'warning',
      plugins: [keepRelative],
      // The core's packages: jpeg-js names Node's Buffer on paths noisenet never takes (its encoder,
      // and its decoder without useTArray); the core has no Buffer, so those paths read undefined.
      define: CORE_MODULES.has(module) ? { Buffer: 'undefined' } : {},
      // vega's optional canvas renderer: never loaded (reports render SVG with renderer 'none').
      external: ['canvas'],
    });
    rmSync(`${file}.map`, { force: true });
    for (const input of Object.keys(result.metafile.inputs)) {
      const dir = packageDir(input);
      if (dir && !packages.has(dir)) packages.set(dir, module);
    }
  }
  const sections = [...packages.keys()].sort().map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const text = licenseText(dir) ?? `License: ${pkg.license ?? 'see the package'} (no license file in the package)`;
    return `## ${pkg.name} ${pkg.version}\n\n${pkg.license ? `License: ${pkg.license}` : ''}\n\n\`\`\`\n${text}\n\`\`\`\n`;
  });
  const notices = `# Third-party notices\n\nnoisenet's Node build bundles these packages into ${BUNDLED_MODULES.map((m) => `dist/${m}`).join(' and ')}.\n\n${sections.join('\n')}`;
  writeFileSync(join(root, 'dist', 'THIRD-PARTY-NOTICES.md'), notices);
  if (!existsSync(join(root, 'dist', 'THIRD-PARTY-NOTICES.md'))) throw new Error('notices not written');
  console.log(`bundle-dependencies: ${packages.size} packages into ${BUNDLED_MODULES.map((m) => `dist/${m}`).join(', ')} (notices: ${relative(root, join(root, 'dist', 'THIRD-PARTY-NOTICES.md')).split(sep).join('/')})`);
} catch (e) {
  console.error(`bundle-dependencies: ${e.message}`);
  process.exit(1);
}
