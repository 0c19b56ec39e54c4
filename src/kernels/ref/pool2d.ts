/**
 * Reference 2-D pooling kernels, NHWC: max pooling with the argmax of every window, average
 * pooling over the window's input pixels only (see {@link Backend.maxPool2dForward}).
 */
import type { FloatArray, Pool2dGeometry } from '../backend.js';

/** The window of output (oy, ox) clipped to the input: rows [y0, y1), columns [x0, x1). */
function window(g: Pool2dGeometry, oy: number, ox: number): [number, number, number, number] {
  const y = oy * g.strideHeight - g.padTop;
  const x = ox * g.strideWidth - g.padLeft;
  return [Math.max(y, 0), Math.min(y + g.poolHeight, g.inHeight), Math.max(x, 0), Math.min(x + g.poolWidth, g.inWidth)];
}

/** See Backend.maxPool2dForward. */
export function maxPool2dForward(x: FloatArray, y: FloatArray, argmax: Int32Array, g: Pool2dGeometry): void {
  const { inHeight: H, inWidth: W, channels: C, outHeight: OH, outWidth: OW } = g;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const [y0, y1, x0, x1] = window(g, oy, ox);
        const o = ((b * OH + oy) * OW + ox) * C;
        for (let c = 0; c < C; c++) {
          let best = -1;
          let value = -Infinity;
          for (let iy = y0; iy < y1 && !Number.isNaN(value); iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const i = ((b * H + iy) * W + ix) * C + c;
              const v = x[i]!;
              if (best < 0 || v > value || Number.isNaN(v)) {
                best = i;
                value = v;
                if (Number.isNaN(v)) break;
              }
            }
          }
          y[o + c] = value;
          argmax[o + c] = best;
        }
      }
    }
  }
}

/** See Backend.maxPool2dBackward. */
export function maxPool2dBackward(dy: FloatArray, argmax: Int32Array, dx: FloatArray, g: Pool2dGeometry): void {
  dx.fill(0, 0, g.batch * g.inHeight * g.inWidth * g.channels);
  const n = g.batch * g.outHeight * g.outWidth * g.channels;
  for (let o = 0; o < n; o++) dx[argmax[o]!]! += dy[o]!;
}

/** See Backend.avgPool2dForward. */
export function avgPool2dForward(x: FloatArray, y: FloatArray, g: Pool2dGeometry): void {
  const { inHeight: H, inWidth: W, channels: C, outHeight: OH, outWidth: OW } = g;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const [y0, y1, x0, x1] = window(g, oy, ox);
        const o = ((b * OH + oy) * OW + ox) * C;
        const inv = 1 / ((y1 - y0) * (x1 - x0));
        for (let c = 0; c < C; c++) {
          let s = 0;
          for (let iy = y0; iy < y1; iy++) for (let ix = x0; ix < x1; ix++) s += x[((b * H + iy) * W + ix) * C + c]!;
          y[o + c] = s * inv;
        }
      }
    }
  }
}

/** See Backend.avgPool2dBackward. */
export function avgPool2dBackward(dy: FloatArray, dx: FloatArray, g: Pool2dGeometry): void {
  const { inHeight: H, inWidth: W, channels: C, outHeight: OH, outWidth: OW } = g;
  dx.fill(0, 0, g.batch * H * W * C);
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const [y0, y1, x0, x1] = window(g, oy, ox);
        const o = ((b * OH + oy) * OW + ox) * C;
        const inv = 1 / ((y1 - y0) * (x1 - x0));
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) {
            const i = ((b * H + iy) * W + ix) * C;
            for (let c = 0; c < C; c++) dx[i + c]! += dy[o + c]! * inv;
          }
        }
      }
    }
  }
}
