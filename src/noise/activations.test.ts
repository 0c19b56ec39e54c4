import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dense } from '../layers/dense.js';
import { backend64, checkLayerGradients } from '../testing/gradcheck.js';
import { EVAL } from '../testing/noise-harness.js';
import { Xoshiro128 } from '../random/xoshiro.js';

// The activations noise models pair with: SELU with alpha dropout (Klambauer et al. 2017),
// ELU, leaky ReLU and GELU. Values against Keras' definitions, then gradients.
const CASES = [
  ['selu', -1, 1.0507009873554805 * 1.6732632423543772 * Math.expm1(-1)],
  ['selu', 2, 2 * 1.0507009873554805],
  ['elu', -1, Math.expm1(-1)],
  ['leakyRelu', -2, -0.4],
  ['gelu', 1, 0.8413447460685429],
  ['gelu', -0.5, -0.15426876936299347],
] as const;

test('selu, elu, leakyRelu and gelu compute Keras values in dense', () => {
  for (const [activation, z, expected] of CASES) {
    const layer = dense({ units: 1, activation, useBias: false });
    layer.build([1], { backend: backend64() });
    layer.kernel.value[0] = 1;
    const y = layer.forward(Float64Array.of(z), 1, EVAL)[0]!;
    // GELU uses an erf approximation with absolute error below 1.5e-7.
    assert.ok(Math.abs(y - expected) < 2e-7, `${activation}(${z}) = ${y}, expected ${expected}`);
  }
});

for (const activation of ['selu', 'elu', 'leakyRelu', 'gelu'] as const) {
  test(`dense(${activation}) gradients match central differences in float64`, () => {
    for (const [batch, inputs, units] of [[1, 3, 4], [6, 5, 3]] as const) {
      const layer = dense({ units, activation, name: 'a' });
      layer.build([inputs], { backend: backend64() });
      layer.initializeWeights(new Xoshiro128(batch));
      layer.bias!.value.forEach((_, i, b) => (b[i] = 0.2 * (i % 3) - 0.2));
      const errors = checkLayerGradients(layer, batch, 5 * batch);
      // The reference GELU evaluates erf to 1.5e-7 (Abramowitz & Stegun 7.1.26) but differentiates
      // the exact erf, so finite differences of its values only agree to about 1e-5 relative.
      const tolerance = activation === 'gelu' ? 5e-5 : 1e-7;
      for (const [name, err] of Object.entries(errors)) assert.ok(err < tolerance, `${activation} batch ${batch} ${name}: ${err}`);
    }
  });
}
