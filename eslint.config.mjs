// Lint rules: typescript-eslint's recommended set over the sources, plus the project's own:
// no console in library code (only the CLI, scripts and tests print), typed imports kept apart.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'assembly/', 'docs/', 'coverage/', 'src/io/onnx/onnx-schema.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['src/cli/**', 'src/testing/**', 'src/**/*.test.ts', 'src/**/node/**'], rules: { 'no-console': 'off' } },
  // Tests read JSON of any shape (saved models, TF.js objects).
  { files: ['src/**/*.test.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // Polynomial and rational coefficients copied at full published precision (AS 241, Lanczos,
  // the float32 polynomials): the literal is the reference even where a double rounds it.
  { files: ['src/experiments/special-functions.ts', 'src/kernels/ref/f32-normal.ts'], rules: { 'no-loss-of-precision': 'off' } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } } },
  { files: ['scripts/**/*.mjs', 'bin/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', performance: 'readonly', Buffer: 'readonly', fetch: 'readonly' } } },
);
