/**
 * DropBlock (Ghiasi, Lin & Le 2018, "DropBlock: A regularization method for convolutional
 * networks"): drops contiguous `blockSize x blockSize` regions of each feature map, which
 * dropout's scattered zeros cannot do to correlated pixels. Per sample and channel, block
 * centers are drawn `~ Bernoulli(gamma)` where the whole block fits the map, every unit of a
 * block is zeroed, and the output is rescaled by `count / count_kept` over the batch:
 *
 *   gamma = (1 - keepProb) / blockSize^2 * (h * w) / ((h - blockSize + 1) (w - blockSize + 1))
 *
 * so that about `1 - keepProb` of the units are dropped (less where blocks overlap). The
 * scheduled form of the paper raises the drop rate during training: `keepProb: { from: 1, to:
 * 0.9 }` (linear by default). A block larger than the map is clipped to it. Training only;
 * the backward pass multiplies by the forward pass's mask.
 */
import type { FloatArray, Pool2dGeometry } from '../kernels/backend.js';
import type { LayerConfig } from '../parts/layer.js';
import type { StepContext } from '../step/step-context.js';
import { NoiseLayer } from './noise-layer.js';
import { levelAt, type NoiseLevel } from '../schema/noise-schedule.js';
import { NAME, integer, level } from '../schema/fields.js';
import { parseOptions } from '../schema/parse-options.js';
import { defineLayer, defineTechnique } from '../parts/definitions.js';
import { ONNX_IDENTITY } from '../parts/onnx.js';

export interface DropBlock2DOptions {
  /** Side of the dropped squares in pixels; default 7 (the paper's, on ResNet-50). */
  blockSize?: number;
  /** Fraction of units to keep, in (0, 1]; a number or a schedule (the paper: 1 -> 0.9 over training); default 0.9. */
  keepProb?: NoiseLevel;
  name?: string;
}

export class DropBlock2D extends NoiseLayer {
  readonly className = 'DropBlock2D';
  readonly blockSize: number;
  readonly keepProb: NoiseLevel;
  private readonly valid = new Map<number, FloatArray>();
  private readonly argmax = new Map<number, Int32Array>();

  constructor(options: DropBlock2DOptions = {}) {
    const o = parseOptions('dropBlock2d', DROP_BLOCK2D.options, options);
    super(o.name);
    this.blockSize = o.blockSize!;
    this.keepProb = o.keepProb!;
  }

  override computeOutputShape(inputShape: readonly number[]): number[] {
    return [...this.imageInput(inputShape)];
  }

  /** The block, clipped to the feature map: `[height, width]`. */
  get block(): [number, number] {
    return [Math.min(this.blockSize, this.inputShape[0]!), Math.min(this.blockSize, this.inputShape[1]!)];
  }

  /** The seed probability gamma for a keep probability. */
  gamma(keepProb: number): number {
    const [h, w] = this.inputShape as [number, number];
    const [bh, bw] = this.block;
    return ((1 - keepProb) / (bh * bw)) * ((h * w) / ((h - bh + 1) * (w - bw + 1)));
  }

  protected level(): NoiseLevel {
    return this.keepProb;
  }

  protected override isActive(ctx: StepContext): boolean {
    return levelAt(this.keepProb, ctx) < 1;
  }

  protected addNoise(x: FloatArray, batch: number, ctx: StepContext): FloatArray {
    const b = this.backend;
    const n = batch * this.inputSize;
    const seeds = this.scratch('seeds', n);
    const mask = this.scratch('mask', n);
    const out = this.scratch('out', n);
    b.fillBernoulli(this.stream, seeds, n, Math.min(this.gamma(levelAt(this.keepProb, ctx)), 1));
    b.mul(seeds, this.validCenters(batch, n), seeds, n);
    // A unit is dropped when a seed lies within the block around it: a max over that window.
    b.maxPool2dForward(seeds, mask, this.indices(n), this.spread(batch));
    b.scale(mask, -1, 1, mask, n);
    const kept = b.sum(mask, n);
    b.scale(mask, kept > 0 ? n / kept : 0, 0, mask, n);
    b.mul(x, mask, out, n);
    return out;
  }

  /** 1 where a block centered there fits the map (rows `[floor(bh/2), h - floor((bh-1)/2))`, columns alike), per batch size. */
  private validCenters(batch: number, n: number): FloatArray {
    let v = this.valid.get(batch);
    if (v) return v;
    v = this.backend.alloc(n);
    const [h, w, c] = this.inputShape as [number, number, number];
    const [bh, bw] = this.block;
    for (let i = 0; i < n; i++) {
      const y = Math.floor(i / (w * c)) % h;
      const xx = Math.floor(i / c) % w;
      v[i] = y >= Math.floor(bh / 2) && y < h - Math.floor((bh - 1) / 2) && xx >= Math.floor(bw / 2) && xx < w - Math.floor((bw - 1) / 2) ? 1 : 0;
    }
    this.valid.set(batch, v);
    return v;
  }

  /** Output (y, x) pools the seeds whose block covers it: a bh x bw window ending floor(bh/2) rows below. */
  private spread(batch: number): Pool2dGeometry {
    const [h, w, c] = this.inputShape as [number, number, number];
    const [bh, bw] = this.block;
    return { batch, inHeight: h, inWidth: w, channels: c, outHeight: h, outWidth: w, poolHeight: bh, poolWidth: bw, strideHeight: 1, strideWidth: 1, padTop: bh - 1 - Math.floor(bh / 2), padLeft: bw - 1 - Math.floor(bw / 2) };
  }

  private indices(n: number): Int32Array {
    let a = this.argmax.get(n);
    if (!a) this.argmax.set(n, (a = this.backend.allocIndices(n)));
    return a;
  }

  protected noiseBackward(dy: FloatArray, batch: number): FloatArray {
    return this.maskedGradient(dy, batch);
  }

  getConfig(): LayerConfig {
    return { name: this.name, blockSize: this.blockSize, keepProb: this.keepProb };
  }
}

/** DropBlock in training; see {@link DropBlock2DOptions}. */
export function dropBlock2d(options: DropBlock2DOptions = {}): DropBlock2D {
  return new DropBlock2D(options);
}

export const DROP_BLOCK2D = defineLayer<DropBlock2DOptions>({
  className: 'DropBlock2D',
  factory: 'dropBlock2d',
  summary: 'drops square blocks of each feature map in training',
  hostOnly: 'reads the count of kept values back in JavaScript at every step',
  options: {
    blockSize: integer('side of the dropped squares in pixels', { default: 7, range: { min: 1 } }),
    keepProb: level('fraction of units to keep', { min: 0, minExclusive: true, max: 1 }, { default: 0.9 }),
    name: NAME,
  },
  onnx: ONNX_IDENTITY,
  create: (o) => new DropBlock2D(o),
  tfjs: { className: null },
});

export const DROP_BLOCK2D_TECHNIQUE = defineTechnique({
  name: 'dropblock',
  aliases: ['drop-block', 'dropblock2d'],
  title: 'DropBlock',
  description: 'Zeroes blockSize x blockSize squares of each feature map around seeds drawn with probability gamma, then rescales by count / kept.',
  formula: 'gamma = (1 - keepProb) / b^2 * h w / ((h - b + 1)(w - b + 1)); x * M * count(M) / sum(M)',
  paper: 'Ghiasi et al. 2018',
  typical: 'keepProb 0.9 annealed from 1 (keepProb=1->0.9), blockSize 7 on ResNet-50 (Ghiasi et al. 2018); 3 on 13x13 maps',
  offeredBy: { keras: 'KerasCV DropBlock2D', tfjs: '-', pytorch: 'timm DropBlock2d' },
  example: 'dropblock:blockSize=3,keepProb=0.9@hidden',
  featureMaps: true,
  target: { kind: 'layer', layer: DROP_BLOCK2D, defaultWhere: 'hidden' },
});
