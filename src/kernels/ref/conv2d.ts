/**
 * Reference 2-D convolution kernels, NHWC with an HWIO filter: direct loops over the
 * definition in {@link Backend.conv2dForward}. Each output pixel visits the window positions
 * that fall inside the input, so padding costs nothing and reads nothing.
 */
import type { Conv2dGeometry, FloatArray } from '../backend.js';

/** The input row (or column) window position `k` of output `o` reads, or -1 outside the input. */
function at(o: number, k: number, stride: number, pad: number, dilation: number, size: number): number {
  const i = o * stride - pad + k * dilation;
  return i >= 0 && i < size ? i : -1;
}

/** See Backend.conv2dForward. */
export function conv2dForward(x: FloatArray, filter: FloatArray, y: FloatArray, g: Conv2dGeometry): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: F } = g;
  y.fill(0, 0, g.batch * OH * OW * F);
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const o = ((b * OH + oy) * OW + ox) * F;
        for (let ky = 0; ky < g.kernelHeight; ky++) {
          const iy = at(oy, ky, g.strideHeight, g.padTop, g.dilationHeight, H);
          if (iy < 0) continue;
          for (let kx = 0; kx < g.kernelWidth; kx++) {
            const ix = at(ox, kx, g.strideWidth, g.padLeft, g.dilationWidth, W);
            if (ix < 0) continue;
            const xi = ((b * H + iy) * W + ix) * C;
            const fi = (ky * g.kernelWidth + kx) * C * F;
            for (let c = 0; c < C; c++) {
              const xv = x[xi + c]!;
              const fc = fi + c * F;
              for (let f = 0; f < F; f++) y[o + f]! += xv * filter[fc + f]!;
            }
          }
        }
      }
    }
  }
}

/** See Backend.conv2dBackwardInput. */
export function conv2dBackwardInput(dy: FloatArray, filter: FloatArray, dx: FloatArray, g: Conv2dGeometry): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: F } = g;
  dx.fill(0, 0, g.batch * H * W * C);
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const o = ((b * OH + oy) * OW + ox) * F;
        for (let ky = 0; ky < g.kernelHeight; ky++) {
          const iy = at(oy, ky, g.strideHeight, g.padTop, g.dilationHeight, H);
          if (iy < 0) continue;
          for (let kx = 0; kx < g.kernelWidth; kx++) {
            const ix = at(ox, kx, g.strideWidth, g.padLeft, g.dilationWidth, W);
            if (ix < 0) continue;
            const xi = ((b * H + iy) * W + ix) * C;
            const fi = (ky * g.kernelWidth + kx) * C * F;
            for (let c = 0; c < C; c++) {
              const fc = fi + c * F;
              let s = 0;
              for (let f = 0; f < F; f++) s += dy[o + f]! * filter[fc + f]!;
              dx[xi + c]! += s;
            }
          }
        }
      }
    }
  }
}

/** See Backend.conv2dBackwardFilter. */
export function conv2dBackwardFilter(x: FloatArray, dy: FloatArray, dfilter: FloatArray, g: Conv2dGeometry): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: F } = g;
  dfilter.fill(0, 0, g.kernelHeight * g.kernelWidth * C * F);
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const o = ((b * OH + oy) * OW + ox) * F;
        for (let ky = 0; ky < g.kernelHeight; ky++) {
          const iy = at(oy, ky, g.strideHeight, g.padTop, g.dilationHeight, H);
          if (iy < 0) continue;
          for (let kx = 0; kx < g.kernelWidth; kx++) {
            const ix = at(ox, kx, g.strideWidth, g.padLeft, g.dilationWidth, W);
            if (ix < 0) continue;
            const xi = ((b * H + iy) * W + ix) * C;
            const fi = (ky * g.kernelWidth + kx) * C * F;
            for (let c = 0; c < C; c++) {
              const xv = x[xi + c]!;
              const fc = fi + c * F;
              for (let f = 0; f < F; f++) dfilter[fc + f]! += xv * dy[o + f]!;
            }
          }
        }
      }
    }
  }
}
