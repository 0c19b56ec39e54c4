/**
 * Dependency rules of noisenet, checked by `npm run check:deps` (part of `npm test`).
 *
 * The core is everything under src/ except the Node side: src/cli/, every node/ folder
 * (a concept's Node adapter, e.g. src/io/node/), src/testing/, src/node.ts and the tests.
 * The core runs in any JavaScript runtime, so it uses web-standard APIs only.
 *
 * Violations that exist today in code being reworked are listed in
 * .dependency-cruiser-known-violations.json and reported without failing the check (see
 * scripts/check-deps.mjs); anything else fails it. Once they are fixed, remove them from that
 * file (or regenerate it with `npx depcruise-baseline src`) and the rules block them too.
 */

/** Files allowed to use Node: the CLI, the node/ adapters, test code, the Node entry. */
const NODE_SIDE = ['^src/cli/', '^src/.+/node/', '^src/testing/', '^src/node\\.ts$', '\\.test\\.ts$'];

/**
 * Browser-side code: the browser adapters (a concept's browser/ folder, e.g. src/io/browser/),
 * the browser entry and the playground. They use web APIs only (no Node), but only browsers have
 * all of them (Web Workers, IndexedDB, the document), so the core entry must not reach them.
 */
const BROWSER_SIDE = ['^src/.+/browser/', '^src/browser\\.ts$', '^src/playground/'];

/** Test code: test files and the helpers, fixtures and suites under src/testing/. */
const TEST_CODE = ['\\.test\\.ts$', '^src/testing/'];

/** npm packages that only work in Node (native addons, process launchers, the queue's TCP clients). */
const NODE_ONLY_PACKAGES = '(^|/)node_modules/(@resvg/resvg-js|playwright-core|bullmq|ioredis|webgpu)/|^(@resvg/resvg-js|playwright-core|bullmq|ioredis|webgpu)$';

/**
 * The folders of src/ in layer order, lowest first (docs/architecture/layout.md says what each
 * one does). A file may import files of its own folder and of the folders before it, never of a
 * folder after it, type-only imports included; the rules below are generated from this list.
 * A concept's node/ and browser/ adapters (src/io/node/) belong to their concept's folder.
 * src/errors.ts and src/validate.ts sit below every folder; the entries (src/index.ts,
 * src/node.ts, src/browser.ts) above all of them. Tests and src/testing may import anything.
 * A folder missing from the list fails the check (rule folder-in-layer-order).
 */
const FOLDER_ORDER = [
  'step', // the step context every part reads
  'schema', // option schemas, option parsing, noise levels and schedules
  'kernels', // the kernel contract and its backends
  'random', // seeded random streams
  'tensor', // the Tensor value type
  'data', // datasets, splits, loaders (their tensors: splitTensors)
  'parts', // what a layer, loss, optimizer, augmentation is, and how each is declared
  'layers', // layers, kernel layers and their weight perturbation, TF.js/ONNX mappings
  'noise', // noise layers
  'losses', // losses
  'optimizers', // optimizers and gradient noise
  'augment', // augmentations
  'corruptions', // test-time corruptions of images (MNIST-C), each declared once
  'registry', // the catalogue of every part and lookups by name
  'train', // fit, evaluate, the callback contract, History
  'models', // Sequential, model descriptions, presets
  'techniques', // the noise technique catalogue and the --noise language
  'io', // model files, TF.js and ONNX interchange, history files
  'callbacks', // the callbacks a fit can use
  'run', // one run built from its settings
  'experiments', // experiments: many runs compared
  'sweep', // sweeps and their workers
  'report', // reports and charts
  'playground', // the browser playground
  'cli', // the command line
];

/** Files outside every folder that every folder may import. */
const BASE_FILES = '^src/(errors|validate)\\.ts$';

/** The entry files, above every folder. */
const ENTRY_FILES = '^src/(index|node|browser)\\.ts$';

/**
 * Programs' main modules: they load the Node entry for its effect (the Node platform, the
 * standard output), as a program started with `node` does.
 */
const PROCESS_MAINS = ['^src/cli/main\\.ts$', '^src/sweep/node/trainer-child\\.ts$'];

/** Paths of a set of folders of src/. */
const folders = (names) => `^src/(${names.join('|')})/`;

/** One rule per folder: it imports nothing from the folders above it. */
const LAYER_RULES = FOLDER_ORDER.slice(0, -1).map((folder, i) => ({
  name: `layer-order-${folder}`,
  severity: 'error',
  comment:
    `src/${folder}/ is layer ${i + 1} of FOLDER_ORDER: it may import its own files, src/errors.ts, src/validate.ts${FOLDER_ORDER.slice(0, i).map((f) => `, src/${f}/`).join('')}, ` +
    'never a folder above it. An upward import makes a folder cycle or ties a low layer to a high one; ' +
    'move the code it needs down, or move the importer up.',
  from: { path: `^src/${folder}/`, pathNot: TEST_CODE },
  to: { path: folders(FOLDER_ORDER.slice(i + 1)) },
}));

module.exports = {
  forbidden: [
    ...LAYER_RULES,
    {
      name: 'layer-order-base',
      severity: 'error',
      comment: 'src/errors.ts and src/validate.ts sit below every folder: they import nothing but each other.',
      from: { path: BASE_FILES },
      to: { path: ['^src/[^/]+/', ENTRY_FILES] },
    },
    {
      name: 'entries-on-top',
      severity: 'error',
      comment:
        'src/index.ts, src/node.ts and src/browser.ts gather the folders for users; a folder importing one would import ' +
        'every folder above it. Only programs\' main modules load the Node entry, for its effect.',
      from: { path: '^src/[^/]+/', pathNot: [...PROCESS_MAINS, ...TEST_CODE] },
      to: { path: ENTRY_FILES },
    },
    {
      name: 'folder-in-layer-order',
      severity: 'error',
      comment:
        'Every folder of src/ has its place in FOLDER_ORDER (tests and src/testing aside), so that no folder escapes ' +
        'the layer rules; add a new folder to the list where it belongs.',
      from: { path: '^src/[^/]+/', pathNot: [folders(FOLDER_ORDER), ...TEST_CODE] },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles make module initialisation order matter (a module can see another half-initialised), ' +
        'hide which layer depends on which, and keep files from being moved or tested alone. ' +
        'Type-only imports count too: they tie the files together just the same.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-no-node',
      severity: 'error',
      comment:
        'The core (src/index.ts and everything it can reach) must run in browsers and other runtimes: ' +
        'no node: builtins and no Node-only npm packages outside the CLI, the node/ adapters, test code ' +
        'and src/node.ts. Put Node-specific code in a node/ folder of its concept. Globals such as process ' +
        'and Buffer are not imports: scripts/check-core-globals.mjs checks those.',
      from: { pathNot: NODE_SIDE },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-node-packages',
      severity: 'error',
      comment: 'Same reason as core-no-node, for npm packages that need Node (native addons, process launchers).',
      from: { pathNot: NODE_SIDE },
      to: { path: NODE_ONLY_PACKAGES },
    },
    {
      name: 'core-entry-stays-core',
      severity: 'error',
      comment:
        'Nothing the core entry can reach may be Node-side code: a core file that imports a node/ adapter ' +
        'would carry Node into every bundle of the core. (scripts/check-core-bundle.mjs also bundles ' +
        'dist/index.js for the browser and fails on any Node builtin.)',
      from: { path: '^src/index\\.ts$' },
      to: { path: NODE_SIDE, reachable: true },
    },
    {
      name: 'core-entry-not-browser',
      severity: 'error',
      comment:
        'The core entry runs in any runtime and does nothing on import; browser adapters (Web Workers, ' +
        'IndexedDB, downloads) and the playground are reached through src/browser.ts only.',
      from: { path: '^src/index\\.ts$' },
      to: { path: BROWSER_SIDE, reachable: true },
    },
    {
      name: 'no-test-code-in-lib',
      severity: 'error',
      comment:
        'Test helpers, fixtures and the conformance suite import node:test and node:assert and are left out ' +
        'of the package; library code that imported them would break at run time.',
      from: { pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'cli-only-from-cli',
      severity: 'error',
      comment:
        'The CLI sits on top of the library: it owns the console, exit codes and argument parsing. ' +
        'Library code that imported it would drag all of that in. Tests may drive it (src/testing/run-cli.ts).',
      from: { pathNot: ['^src/cli/', ...TEST_CODE] },
      to: { path: '^src/cli/' },
    },
    {
      name: 'backends-not-registry',
      severity: 'error',
      comment:
        'The backends are plain factories: only kernels/builtin-backends.ts imports them and only the ' +
        'registry imports that table, so a backend importing the registry would make a cycle again.',
      from: { path: '^src/kernels/(ref|wasm)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/kernels/(registry|builtin-backends)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    // Type-only imports are dependencies too (they make cycles and couple layers).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      extensions: ['.ts', '.js', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
