/**
 * The base of layers that take several inputs (Keras' merge layers: add, concatenate, multiply,
 * average). A merge layer is built for the shapes of all its inputs, runs forward over a list of
 * input batches and returns one gradient per input. A model's engine calls `forwardMerge` and
 * `backwardMerge`; the single-input `forward` and `backward` refuse.
 */
import type { FloatArray } from '../kernels/backend.js';
import type { StepContext } from '../step/step-context.js';
import { NoisenetError } from '../errors.js';
import { Layer, type BuildContext } from './layer.js';

export abstract class MergeLayer extends Layer {
  private shapes: number[][] = [];
  private sources: string[] = [];

  /** Builds the layer for the shapes of its inputs, `sources` naming the layers they come from (for error messages). */
  buildMerge(inputShapes: readonly (readonly number[])[], sources: readonly string[], ctx: BuildContext): void {
    this.shapes = inputShapes.map((s) => [...s]);
    this.sources = [...sources];
    this.build(inputShapes[0]!, ctx);
  }

  override get merges(): boolean {
    return true;
  }

  /** The shapes of the inputs, in order. */
  get inputShapes(): readonly (readonly number[])[] {
    return this.shapes;
  }

  /** The names of the layers the inputs come from, in order. */
  protected get inputSources(): readonly string[] {
    return this.sources;
  }

  override computeOutputShape(): number[] {
    return this.mergeShape(this.shapes);
  }

  /** The output shape for the input shapes; throws a ShapeError naming the inputs' layers when they do not fit. */
  protected abstract mergeShape(shapes: readonly (readonly number[])[]): number[];

  /** Forward pass over one batch per input; the result stays valid until the next call. */
  abstract forwardMerge(xs: readonly FloatArray[], batch: number, ctx: StepContext): FloatArray;

  /**
   * Backward pass: the gradient of each input for which `need` is true (null for the others),
   * each its own buffer (a caller may overwrite one), in a list the layer reuses every step.
   * May overwrite `dy`.
   */
  abstract backwardMerge(dy: FloatArray, batch: number, need: readonly boolean[]): readonly (FloatArray | null)[];

  forward(): FloatArray {
    throw new NoisenetError(`${this.className} '${this.name}' merges several inputs: apply it to a list of nodes in a functional model`);
  }

  backward(): FloatArray | null {
    throw new NoisenetError(`${this.className} '${this.name}' merges several inputs: its gradients come from backwardMerge`);
  }
}
