/**
 * The cases of the webgpu conformance harness, one table: each runs one kernel on seeded
 * inputs, on the webgpu backend and on the reference backend in the same page, and the
 * harness compares what it returns element by element:
 * `|webgpu - ref| <= atol + rtol * |ref|`, with the tolerance stated and justified per case.
 * A kernel group adds its cases by appending a function to {@link CASE_GROUPS}.
 */
import { ACTIVATIONS, NEEDS_PRE_ACTIVATION, type Backend, type FloatArray } from '../../kernels/backend.js';
import { Xoshiro128 } from '../../random/xoshiro.js';
import { windowCases } from './window-cases.js';

/** How close webgpu must be to the reference, and why that much. */
export interface Tolerance {
  rtol: number;
  atol: number;
  /** One line: where the difference comes from. */
  why: string;
}

/** Seeded inputs on the backend under test; the same seed gives the same values on both backends. */
export interface CaseInputs {
  /** A buffer of `n` values uniform in [lo, hi), uploaded. */
  floats(n: number, lo?: number, hi?: number): FloatArray;
  /** A zero buffer of `n` values. */
  zeros(n: number): FloatArray;
  /** A backend index buffer of `n` integers uniform in [lo, hi), uploaded. */
  ints(n: number, lo: number, hi: number): Int32Array;
  /** Host data (not allocated by the backend): `n` integers uniform in [lo, hi). */
  hostInts(n: number, lo: number, hi: number): Int32Array;
  /** Host data: `n` bytes. */
  hostBytes(n: number): Uint8Array;
  /** Host data: `n` floats uniform in [lo, hi). */
  hostFloats(n: number, lo?: number, hi?: number): Float32Array;
}

/** What a case gives back: the arrays to compare (downloaded first on a device backend) and the kernel's return values (queued scalars on a device backend). */
export interface CaseResult {
  outputs: readonly (FloatArray | Int32Array)[];
  scalars?: readonly number[];
}

export interface KernelCase {
  /** The kernel, e.g. `matmul`: the tolerance table groups by it. */
  kernel: string;
  /** The kernel and its shape, e.g. `matmul 37x29x41 transA`. */
  name: string;
  tolerance: Tolerance;
  /** Tolerance of the scalars, when it differs. */
  scalarTolerance?: Tolerance;
  run(b: Backend, x: CaseInputs): CaseResult;
}

const EXACT: Tolerance = { rtol: 0, atol: 0, why: 'no arithmetic, or exact float32 arithmetic on both' };

/** Float32 sums in another order (tiles, trees) than the host's float64 ones: a few float32 epsilons of the sum of magnitudes. */
const sumOf = (terms: number): Tolerance => ({ rtol: 1e-5, atol: 4e-7 * terms, why: `float32 sums of up to ${terms} terms in another order than the host's float64 sum` });

function matmulCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  // Fixed odd shapes (one tile, several, partial ones), then two drawn at random from a fixed seed.
  const g = new Xoshiro128(23);
  const draw = (): number => 1 + Math.floor(150 * g.uniform());
  const shapes: [number, number, number][] = [[1, 1, 1], [7, 13, 5], [37, 29, 41], [65, 67, 130], [draw(), draw(), draw()], [draw(), draw(), draw()]];
  for (const [m, k, n] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        for (const accumulate of [false, true]) {
          if ((m === 1 || m === 7) && accumulate && (transA || transB)) continue; // the big shapes cover every case
          cases.push({
            kernel: 'matmul',
            name: `matmul ${m}x${k}x${n}${transA ? ' transA' : ''}${transB ? ' transB' : ''}${accumulate ? ' accumulate' : ''}`,
            tolerance: sumOf(k + 1),
            run(b, x) {
              const a = x.floats(m * k), bb = x.floats(k * n), c = x.floats(m * n);
              b.matmul(a, bb, c, m, k, n, transA, transB, accumulate);
              return { outputs: [c] };
            },
          });
        }
      }
    }
  }
  return cases;
}

/** exp, log, tanh and erf in float32 on the device (WGSL allows a few ulps of error each) against float64 on the host. */
const TRANSCENDENTAL: Tolerance = { rtol: 2e-5, atol: 2e-6, why: 'WGSL exp/log/tanh in float32 (a few ulps) against the host float64 functions' };

function activationCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const act of ACTIVATIONS) {
    const exactish = act === 'linear' || act === 'relu' || act === 'relu6' || act === 'leakyRelu';
    const tol: Tolerance = exactish ? { rtol: 1e-6, atol: 1e-7, why: 'a float32 sum and product (bias add) rounded once against float64 rounded once' } : act === 'softmax' ? sumOf(17) : TRANSCENDENTAL;
    cases.push({
      kernel: 'biasActivation',
      name: `biasActivation ${act} 13x17 bias`,
      tolerance: act === 'softmax' ? { ...TRANSCENDENTAL, why: 'float32 exp and a float32 row sum against float64' } : tol,
      run(b, x) {
        const xs = x.floats(13 * 17, -4, 4), bias = x.floats(17), y = x.zeros(13 * 17);
        b.biasActivation(xs, bias, y, 13, 17, act);
        return { outputs: [y, xs] };
      },
    });
    cases.push({
      kernel: 'biasActivation',
      name: `biasActivation ${act} 5x3 in place, no bias`,
      tolerance: act === 'softmax' ? { ...TRANSCENDENTAL, why: 'float32 exp and a float32 row sum against float64' } : tol,
      run(b, x) {
        const xs = x.floats(5 * 3, -3, 3);
        b.biasActivation(xs, null, xs, 5, 3, act);
        return { outputs: [xs] };
      },
    });
    cases.push({
      kernel: 'biasActivation',
      name: `biasActivation ${act} 7x5 into another array, no bias`,
      tolerance: act === 'softmax' ? { ...TRANSCENDENTAL, why: 'float32 exp and a float32 row sum against float64' } : tol,
      run(b, x) {
        const xs = x.floats(7 * 5, -3, 3), y = x.zeros(7 * 5);
        b.biasActivation(xs, null, y, 7, 5, act);
        return { outputs: [y, xs] };
      },
    });
    cases.push({
      kernel: 'activationBackward',
      name: `activationBackward ${act} 11x19`,
      tolerance: act === 'softmax' ? sumOf(19) : act === 'gelu' ? TRANSCENDENTAL : { rtol: 1e-5, atol: 1e-6, why: 'the derivative from the float32 output in float32 (softplus: a float32 exp)' },
      run(b, x) {
        const pre = x.floats(11 * 19, -3, 3), y = x.zeros(11 * 19), dy = x.floats(11 * 19);
        b.biasActivation(pre, null, y, 11, 19, act);
        b.activationBackward(dy, NEEDS_PRE_ACTIVATION.has(act) ? pre : null, y, 11, 19, act);
        return { outputs: [dy] };
      },
    });
  }
  return cases;
}

function reductionCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [rows, cols] of [[1, 1], [33, 7], [300, 19], [2600, 35]] as const) {
    for (const accumulate of [false, true]) {
      cases.push({
        kernel: 'sumRows',
        name: `sumRows ${rows}x${cols}${accumulate ? ' accumulate' : ''}`,
        tolerance: sumOf(rows + 1),
        run(b, x) {
          const xs = x.floats(rows * cols), out = x.floats(cols);
          b.sumRows(xs, rows, cols, out, accumulate);
          return { outputs: [out] };
        },
      });
    }
  }
  for (const n of [1, 1000, 5003]) {
    cases.push({
      kernel: 'sum',
      name: `sum ${n}`,
      tolerance: EXACT,
      scalarTolerance: sumOf(n),
      run(b, x) {
        const a = x.floats(n);
        return { outputs: [], scalars: [b.sum(a, n)] };
      },
    });
  }
  return cases;
}

function lossCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [rows, cols, smoothing, scale] of [[1, 2, 0, 1], [17, 10, 0.1, 1 / 17], [70, 23, 0, 0.5]] as const) {
    for (const withGrad of [true, false]) {
      cases.push({
        kernel: 'softmaxCrossEntropy',
        name: `softmaxCrossEntropy ${rows}x${cols} smoothing ${smoothing}${withGrad ? ' grad' : ''}`,
        tolerance: { ...TRANSCENDENTAL, why: 'float32 exp/log and row sums against float64' },
        scalarTolerance: { rtol: 2e-5, atol: 1e-5 * rows, why: 'per-row float32 losses, summed in float32 in a tree' },
        run(b, x) {
          const logits = x.floats(rows * cols, -5, 5), labels = x.ints(rows, 0, cols), grad = withGrad ? x.zeros(rows * cols) : null;
          const loss = b.softmaxCrossEntropy(logits, labels, rows, cols, smoothing, grad, scale);
          return { outputs: grad ? [grad] : [], scalars: [loss] };
        },
      });
    }
  }
  cases.push({
    kernel: 'takeScalars',
    name: 'scalars of loss, count and sum queued in call order, with a host write and upload between',
    tolerance: EXACT,
    scalarTolerance: { rtol: 2e-5, atol: 1e-4, why: 'a float32 loss sum and a float32 sum of 40 values' },
    run(b, x) {
      const logits = x.floats(20 * 6, -2, 2), labels = x.ints(20, 0, 6), a = x.floats(40);
      const loss = b.softmaxCrossEntropy(logits, labels, 20, 6, 0, null, 1);
      const correct = b.countCorrect(logits, labels, 20, 6);
      for (let i = 0; i < 40; i++) a[i] = i;
      b.device?.upload([a]);
      const total = b.sum(a, 40);
      const doubled = b.sum(logits, 120);
      return { outputs: [], scalars: [loss, correct, total, doubled] };
    },
  });
  for (const [rows, cols, host] of [[1, 3, false], [50, 10, true], [129, 4, false]] as const) {
    cases.push({
      kernel: 'countCorrect',
      name: `countCorrect ${rows}x${cols}${host ? ' host labels' : ''}`,
      tolerance: EXACT,
      scalarTolerance: { ...EXACT, why: 'a count: comparisons and integer sums' },
      run(b, x) {
        const scores = x.floats(rows * cols), labels = host ? x.hostInts(rows, 0, cols) : x.ints(rows, 0, cols);
        return { outputs: [], scalars: [b.countCorrect(scores, labels, rows, cols)] };
      },
    });
  }
  return cases;
}

function elementwiseCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const one: Tolerance = { rtol: 1.2e-7, atol: 1e-30, why: 'one float32 operation, correctly rounded on both' };
  for (const n of [1, 999, 70001]) {
    cases.push({ kernel: 'add', name: `add ${n}`, tolerance: one, run: (b, x) => { const a = x.floats(n), c = x.floats(n), out = x.zeros(n); b.add(a, c, out, n); return { outputs: [out] }; } });
    cases.push({ kernel: 'mul', name: `mul ${n}`, tolerance: one, run: (b, x) => { const a = x.floats(n), c = x.floats(n), out = x.zeros(n); b.mul(a, c, out, n); return { outputs: [out] }; } });
    cases.push({ kernel: 'scale', name: `scale ${n}`, tolerance: { rtol: 1.2e-7, atol: 1e-7, why: 'a float32 product and sum, each rounded, against float64 rounded once' }, run: (b, x) => { const a = x.floats(n), out = x.zeros(n); b.scale(a, 0.37, -0.25, out, n); return { outputs: [out] }; } });
  }
  cases.push({
    kernel: 'scale',
    name: 'a chain of 300 in-place scales with a sum queued every 50 (many dispatches per submission, parameter slots reused)',
    tolerance: { rtol: 5e-5, atol: 5e-6, why: '300 steps rounded twice in float32 (product, sum) against once from float64: a parameter out of order is off by 1e-3' },
    scalarTolerance: { rtol: 1e-5, atol: 1e-4, why: 'float32 sums of 33 values' },
    run(b, x) {
      const a = x.floats(33);
      const sums: number[] = [];
      for (let i = 0; i < 300; i++) {
        b.scale(a, 1 + 2 ** -10, (i % 7) * 2 ** -10, a, 33);
        if (i % 50 === 0) sums.push(b.sum(a, 33));
      }
      return { outputs: [a], scalars: sums };
    },
  });
  cases.push({ kernel: 'add', name: 'add 257 in place (out is a)', tolerance: EXACT, run: (b, x) => { const a = x.floats(257), c = x.floats(257); b.add(a, c, a, 257); return { outputs: [a] }; } });
  cases.push({ kernel: 'scale', name: 'scale 300 in place', tolerance: { rtol: 1.2e-7, atol: 1e-7, why: 'a float32 product and sum' }, run: (b, x) => { const a = x.floats(300); b.scale(a, 2, 1, a, 300); return { outputs: [a] }; } });
  cases.push({ kernel: 'mul', name: 'mul 100 squares (a is b)', tolerance: EXACT, run: (b, x) => { const a = x.floats(100), out = x.zeros(100); b.mul(a, a, out, 100); return { outputs: [out] }; } });
  return cases;
}

function gatherCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [rows, rowSize, start, count] of [[10, 7, 2, 5], [300, 784, 17, 64]] as const) {
    cases.push({
      kernel: 'gatherRows',
      name: `gatherRows bytes ${count} of ${rows}x${rowSize} from ${start}`,
      tolerance: { rtol: 1.2e-7, atol: 0, why: 'byte times a float32 scale, one rounding (the host rounds the float64 product)' },
      run(b, x) {
        const src = x.hostBytes(rows * rowSize), index = x.hostInts(start + count, 0, rows), out = x.zeros(count * rowSize);
        b.gatherRows(src, index, start, count, rowSize, 1 / 255, out);
        // The index reshuffled in place: the next gather must read the new order.
        index.reverse();
        const out2 = x.zeros(count * rowSize);
        b.gatherRows(src, index, start, count, rowSize, 1 / 255, out2);
        return { outputs: [out, out2] };
      },
    });
    cases.push({
      kernel: 'gatherRows',
      name: `gatherRows floats ${count} of ${rows}x${rowSize} from ${start}`,
      tolerance: { rtol: 1.2e-7, atol: 0, why: 'one float32 product' },
      run(b, x) {
        const src = x.hostFloats(rows * rowSize), index = x.ints(start + count, 0, rows), out = x.zeros(count * rowSize);
        b.gatherRows(src, index, start, count, rowSize, 0.5, out);
        return { outputs: [out] };
      },
    });
  }
  return cases;
}

function optimizerCases(): KernelCase[] {
  const tol: Tolerance = { rtol: 2e-6, atol: 1e-7, why: 'a few float32 operations per weight against float64 ones (sqrt and a quotient: a few ulps)' };
  const cases: KernelCase[] = [];
  for (const n of [5, 4099]) {
    cases.push({
      kernel: 'adamUpdate', name: `adamUpdate ${n}`, tolerance: { rtol: 2e-6, atol: 3e-6, why: 'float32 moments; the step lrT m / sqrt(v) divides their rounding by sqrt(v) (here down to 0.03): up to 1e-4 of lrT per step' },
      run(b, x) {
        const w = x.floats(n), g = x.floats(n), m = x.floats(n, -0.1, 0.1), v = x.floats(n, 0, 0.1);
        for (let step = 0; step < 3; step++) b.adamUpdate(w, g, m, v, n, 0.01, 0.9, 0.999, 1e-7);
        return { outputs: [w, m, v] };
      },
    });
    for (const [momentum, nesterov] of [[0, false], [0.9, false], [0.9, true]] as const) {
      cases.push({
        kernel: 'sgdUpdate', name: `sgdUpdate ${n} momentum ${momentum}${nesterov ? ' nesterov' : ''}`, tolerance: tol,
        run(b, x) {
          const w = x.floats(n), g = x.floats(n), vel = x.floats(n, -0.1, 0.1);
          for (let step = 0; step < 3; step++) b.sgdUpdate(w, g, vel, n, 0.05, momentum, nesterov);
          return { outputs: [w, vel] };
        },
      });
    }
    for (const centered of [false, true]) {
      for (const withMomentum of [false, true]) {
        cases.push({
          kernel: 'rmspropUpdate', name: `rmspropUpdate ${n}${centered ? ' centered' : ''}${withMomentum ? ' momentum' : ''}`, tolerance: tol,
          run(b, x) {
            const w = x.floats(n), g = x.floats(n), v = x.floats(n, 0.05, 0.2), avg = centered ? x.floats(n, -0.01, 0.01) : null, mom = withMomentum ? x.floats(n, -0.1, 0.1) : null;
            for (let step = 0; step < 3; step++) b.rmspropUpdate(w, g, v, avg, mom, n, 0.001, 0.9, withMomentum ? 0.5 : 0, 1e-7);
            return { outputs: [w, v, ...(avg ? [avg] : []), ...(mom ? [mom] : [])] };
          },
        });
      }
    }
  }
  return cases;
}

function randomCases(): KernelCase[] {
  return [
    {
      kernel: 'fillUniform',
      name: 'fillUniform [0, 1): the raw words\' top 24 bits, 3 fills from block 5',
      tolerance: { ...EXACT, why: 'integer words bit-identical; k * 2^-24 is exact' },
      run(b) {
        const rng = b.createRandom(12345);
        rng.blocks = 5;
        const outs = [1, 1500, 3000].map((n) => {
          const out = b.alloc(n);
          b.fillUniform(rng, out, n, 0, 1);
          return out;
        });
        return { outputs: outs, scalars: [rng.blocks] };
      },
    },
    {
      kernel: 'fillUniform',
      name: 'fillUniform [-0.3, 2.5) 2049',
      tolerance: { ...EXACT, why: 'lo + span * u: exact float32 operations on both' },
      run(b) {
        const rng = b.createRandom(0xfffffff0);
        const out = b.alloc(2049);
        b.fillUniform(rng, out, 2049, -0.3, 2.5);
        return { outputs: [out] };
      },
    },
    {
      kernel: 'fillBernoulli',
      name: 'fillBernoulli p 0.3, 4100 from block 2^32 + 1',
      tolerance: { ...EXACT, why: 'u < p on exact values' },
      run(b) {
        const rng = b.createRandom(7);
        rng.blocks = 4294967297;
        const out = b.alloc(4100);
        b.fillBernoulli(rng, out, 4100, 0.3);
        return { outputs: [out], scalars: [rng.blocks] };
      },
    },
    {
      kernel: 'fillNormal',
      name: 'fillNormal mean 0.5 std 2, 1029 then 3000',
      tolerance: { rtol: 1e-6, atol: 1e-6, why: 'the same float32 polynomials; WGSL sqrt is not required to be correctly rounded' },
      run(b) {
        const rng = b.createRandom(99);
        const a = b.alloc(1029), c = b.alloc(3000);
        b.fillNormal(rng, a, 1029, 0.5, 2);
        b.fillNormal(rng, c, 3000, 0, 1);
        return { outputs: [a, c] };
      },
    },
  ];
}

/** Every group's cases; a kernel group adds its function here. */
export const CASE_GROUPS: readonly (() => KernelCase[])[] = [
  matmulCases,
  activationCases,
  reductionCases,
  lossCases,
  elementwiseCases,
  gatherCases,
  optimizerCases,
  randomCases,
  windowCases,
];

/**
 * Kernels of the contract with no case yet (the webgpu backend does not have them yet): the
 * harness fails when a kernel has no case and is not listed here, or is listed and has one.
 */
export const KERNELS_WITHOUT_CASES: readonly string[] = [];

/** Members of a backend that are not kernels (allocation, streams, lifetime). */
export const NOT_KERNELS: ReadonlySet<string> = new Set(['alloc', 'allocIndices', 'free', 'createRandom', 'dispose']);

/** All cases of {@link CASE_GROUPS}. */
export function allCases(): KernelCase[] {
  return CASE_GROUPS.flatMap((group) => group());
}
