/**
 * The backend choices (`auto`, `wasm`, `webgpu`) and `auto`'s rule of size, without the code
 * that creates backends (./backend-choice.ts), so that a page's settings can name them cheaply.
 */

/** The backend choices a page or a user can make. */
export const BACKEND_CHOICES = ['auto', 'wasm', 'webgpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/**
 * `auto`'s threshold: the multiply-adds of one sample's forward pass from which the GPU gains.
 * Below it a training step is a few dozen small kernels whose launch and queue costs on a GPU
 * exceed what the wasm backend spends computing them: the article's MLP (784-128-64-10, about
 * 0.11 million per sample, about 0.5 ms a batch of 32 on the wasm backend) stays on wasm; Keras'
 * convnet on 28x28 images (about 2.5 million) goes to the GPU.
 */
export const WEBGPU_MIN_MULTIPLY_ADDS = 1_000_000;

/** What {@link multiplyAddsPerSample} reads of a model: its layers' trainable weights and output shapes. */
export interface MultiplyAddsModel {
  readonly layers: readonly { countTrainableParams(): number; readonly outputShape: readonly number[] }[];
}

/**
 * About the multiply-adds of one sample's forward pass: each layer's trainable parameters times
 * the positions it is applied at (its output's size over its channels: 1 for a dense layer, the
 * output pixels for a convolution). Biases and batch norm's scales count too, as the elementwise
 * work they stand for.
 */
export function multiplyAddsPerSample(model: MultiplyAddsModel): number {
  let total = 0;
  for (const layer of model.layers) {
    const params = layer.countTrainableParams();
    if (params === 0) continue;
    const shape = layer.outputShape;
    const size = shape.reduce((a, b) => a * b, 1);
    total += params * (shape.length > 1 ? size / shape[shape.length - 1]! : 1);
  }
  return total;
}
