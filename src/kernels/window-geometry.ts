/**
 * The geometry of the sliding-window kernels (convolution and pooling), channels last (NHWC):
 * what every backend's kernels receive, computed once per layer and batch size. Padding is
 * Keras' and TensorFlow's: `valid` uses only whole windows; `same` gives `ceil(in / stride)`
 * outputs and pads `max((out - 1) * stride + (kernel - 1) * dilation + 1 - in, 0)` in all, half
 * of it (rounded down) before and the rest (the odd one) after: on the bottom and the right.
 * Padded positions read as 0 in a convolution and are left out of a pooling window.
 */

/** How a window treats the borders. */
export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

/**
 * A 2-D convolution over a batch of NHWC images: `x` is [batch, inHeight, inWidth, inChannels],
 * the filter [kernelHeight, kernelWidth, inChannels, outChannels] (HWIO, the TF.js layout), `y`
 * [batch, outHeight, outWidth, outChannels]. Output pixel (oy, ox) reads input rows
 * `oy * strideHeight - padTop + ky * dilationHeight` for ky in [0, kernelHeight), and columns
 * likewise; rows and columns outside the input read 0.
 */
export interface Conv2dGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/**
 * A 2-D pooling over a batch of NHWC images: `x` is [batch, inHeight, inWidth, channels], `y`
 * [batch, outHeight, outWidth, channels]. Output pixel (oy, ox) pools input rows
 * `oy * strideHeight - padTop + ky` for ky in [0, poolHeight) that lie inside the input (and
 * columns likewise); every window holds at least one input pixel.
 */
export interface Pool2dGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly channels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly poolHeight: number;
  readonly poolWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** One spatial axis of a window: its output length (below 1 when the window does not fit) and the padding before it. */
export function windowAxis(size: number, kernel: number, stride: number, dilation: number, padding: Padding): { out: number; padBefore: number } {
  const effective = (kernel - 1) * dilation + 1;
  if (padding === 'valid') return { out: Math.floor((size - effective) / stride) + 1, padBefore: 0 };
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + effective - size, 0);
  return { out, padBefore: Math.floor(total / 2) };
}

/** What a convolution layer knows: its options and its input's [height, width, channels]. */
export interface Conv2dShape {
  readonly inShape: readonly [number, number, number];
  readonly filters: number;
  readonly kernelSize: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly dilationRate: readonly [number, number];
  readonly padding: Padding;
}

/** The geometry of a convolution for `batch` images (outputs below 1 are the caller's to refuse). */
export function conv2dGeometry(batch: number, s: Conv2dShape): Conv2dGeometry {
  const [inHeight, inWidth, inChannels] = s.inShape;
  const rows = windowAxis(inHeight, s.kernelSize[0], s.strides[0], s.dilationRate[0], s.padding);
  const cols = windowAxis(inWidth, s.kernelSize[1], s.strides[1], s.dilationRate[1], s.padding);
  return {
    batch, inHeight, inWidth, inChannels,
    outHeight: rows.out, outWidth: cols.out, outChannels: s.filters,
    kernelHeight: s.kernelSize[0], kernelWidth: s.kernelSize[1],
    strideHeight: s.strides[0], strideWidth: s.strides[1],
    dilationHeight: s.dilationRate[0], dilationWidth: s.dilationRate[1],
    padTop: rows.padBefore, padLeft: cols.padBefore,
  };
}

/** What a pooling layer knows: its options and its input's [height, width, channels]. */
export interface Pool2dShape {
  readonly inShape: readonly [number, number, number];
  readonly poolSize: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly padding: Padding;
}

/** The geometry of a pooling for `batch` images (outputs below 1 are the caller's to refuse). */
export function pool2dGeometry(batch: number, s: Pool2dShape): Pool2dGeometry {
  const [inHeight, inWidth, channels] = s.inShape;
  const rows = windowAxis(inHeight, s.poolSize[0], s.strides[0], 1, s.padding);
  const cols = windowAxis(inWidth, s.poolSize[1], s.strides[1], 1, s.padding);
  return {
    batch, inHeight, inWidth, channels,
    outHeight: rows.out, outWidth: cols.out,
    poolHeight: s.poolSize[0], poolWidth: s.poolSize[1],
    strideHeight: s.strides[0], strideWidth: s.strides[1],
    padTop: rows.padBefore, padLeft: cols.padBefore,
  };
}

/** Values in `x` of a convolution or pooling geometry. */
export const inputSize = (g: Conv2dGeometry | Pool2dGeometry): number => g.batch * g.inHeight * g.inWidth * ('inChannels' in g ? g.inChannels : g.channels);
/** Values in `y` of a convolution or pooling geometry. */
export const outputSize = (g: Conv2dGeometry | Pool2dGeometry): number => g.batch * g.outHeight * g.outWidth * ('outChannels' in g ? g.outChannels : g.channels);
/** Values in a convolution's filter. */
export const filterSize = (g: Conv2dGeometry): number => g.kernelHeight * g.kernelWidth * g.inChannels * g.outChannels;
