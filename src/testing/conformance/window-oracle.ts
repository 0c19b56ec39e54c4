/**
 * Independent definitions of the sliding-window kernels for the conformance suite, written
 * another way than the reference backend: the input is first copied into an explicitly padded
 * image (zeros around), then every window is read whole. Float64 throughout.
 */
import type { Conv2dGeometry, Pool2dGeometry } from '../../kernels/backend.js';

/** Rows and columns of the explicitly padded image: enough for every window of the geometry. */
function padded(g: { outHeight: number; outWidth: number; strideHeight: number; strideWidth: number; padTop: number; padLeft: number }, reachH: number, reachW: number): [number, number] {
  return [(g.outHeight - 1) * g.strideHeight + reachH, (g.outWidth - 1) * g.strideWidth + reachW];
}

/** `x` copied into [batch, PH, PW, C] with `fill` around it. */
function pad(x: ArrayLike<number>, batch: number, h: number, w: number, c: number, top: number, left: number, ph: number, pw: number, fill: number): Float64Array {
  const out = new Float64Array(batch * ph * pw * c).fill(fill);
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < h; y++) {
      for (let xx = 0; xx < w; xx++) {
        for (let ch = 0; ch < c; ch++) {
          const py = y + top;
          const px = xx + left;
          if (py < ph && px < pw) out[((b * ph + py) * pw + px) * c + ch] = x[((b * h + y) * w + xx) * c + ch]!;
        }
      }
    }
  }
  return out;
}

/** The convolution by definition; `abs` sums |x| |f| instead (the rounding-error scale). */
export function oracleConv2d(x: ArrayLike<number>, f: ArrayLike<number>, g: Conv2dGeometry, abs = false): Float64Array {
  const [ph, pw] = padded(g, (g.kernelHeight - 1) * g.dilationHeight + 1, (g.kernelWidth - 1) * g.dilationWidth + 1);
  const p = pad(x, g.batch, g.inHeight, g.inWidth, g.inChannels, g.padTop, g.padLeft, ph, pw, 0);
  const y = new Float64Array(g.batch * g.outHeight * g.outWidth * g.outChannels);
  const C = g.inChannels;
  const F = g.outChannels;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        for (let co = 0; co < F; co++) {
          let s = 0;
          for (let ky = 0; ky < g.kernelHeight; ky++) {
            for (let kx = 0; kx < g.kernelWidth; kx++) {
              const py = oy * g.strideHeight + ky * g.dilationHeight;
              const px = ox * g.strideWidth + kx * g.dilationWidth;
              for (let ci = 0; ci < C; ci++) {
                const a = p[((b * ph + py) * pw + px) * C + ci]!;
                const w = f[((ky * g.kernelWidth + kx) * C + ci) * F + co]!;
                s += abs ? Math.abs(a * w) : a * w;
              }
            }
          }
          y[((b * g.outHeight + oy) * g.outWidth + ox) * F + co] = s;
        }
      }
    }
  }
  return y;
}

/**
 * Both gradients of the convolution by definition, for the output gradient `dy`: every window
 * product is added into a padded input gradient (then cropped) and into the filter gradient.
 * With `abs`, sums of absolute products (the rounding-error scales).
 */
export function oracleConv2dBackward(x: ArrayLike<number>, f: ArrayLike<number>, dy: ArrayLike<number>, g: Conv2dGeometry, abs = false): { dx: Float64Array; df: Float64Array } {
  const [ph, pw] = padded(g, (g.kernelHeight - 1) * g.dilationHeight + 1, (g.kernelWidth - 1) * g.dilationWidth + 1);
  const p = pad(x, g.batch, g.inHeight, g.inWidth, g.inChannels, g.padTop, g.padLeft, ph, pw, 0);
  const pdx = new Float64Array(p.length);
  const df = new Float64Array(g.kernelHeight * g.kernelWidth * g.inChannels * g.outChannels);
  const C = g.inChannels;
  const F = g.outChannels;
  const m = (a: number, b: number): number => (abs ? Math.abs(a * b) : a * b);
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        for (let co = 0; co < F; co++) {
          const d = dy[((b * g.outHeight + oy) * g.outWidth + ox) * F + co]!;
          for (let ky = 0; ky < g.kernelHeight; ky++) {
            for (let kx = 0; kx < g.kernelWidth; kx++) {
              const pi = ((b * ph + oy * g.strideHeight + ky * g.dilationHeight) * pw + ox * g.strideWidth + kx * g.dilationWidth) * C;
              const fi = ((ky * g.kernelWidth + kx) * C) * F + co;
              for (let ci = 0; ci < C; ci++) {
                pdx[pi + ci]! += m(d, f[fi + ci * F]!);
                df[fi + ci * F]! += m(d, p[pi + ci]!);
              }
            }
          }
        }
      }
    }
  }
  const dx = new Float64Array(g.batch * g.inHeight * g.inWidth * C);
  for (let b = 0; b < g.batch; b++) {
    for (let y = 0; y < g.inHeight; y++) {
      for (let xx = 0; xx < g.inWidth; xx++) {
        const py = y + g.padTop;
        const px = xx + g.padLeft;
        if (py >= ph || px >= pw) continue;
        for (let ci = 0; ci < C; ci++) dx[((b * g.inHeight + y) * g.inWidth + xx) * C + ci] = pdx[((b * ph + py) * pw + px) * C + ci]!;
      }
    }
  }
  return { dx, df };
}

/**
 * For every output of a pooling (in output order), the indexes in `x` of its window's input
 * pixels in row-major window order, found by walking an explicitly padded image whose padding
 * is marked as outside.
 */
export function oracleWindows(g: Pool2dGeometry): number[][] {
  const [ph, pw] = padded(g, g.poolHeight, g.poolWidth);
  const n = g.batch * g.inHeight * g.inWidth * g.channels;
  const where = pad(Float64Array.from({ length: n }, (_, i) => i), g.batch, g.inHeight, g.inWidth, g.channels, g.padTop, g.padLeft, ph, pw, -1);
  const windows: number[][] = [];
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        for (let c = 0; c < g.channels; c++) {
          const list: number[] = [];
          for (let ky = 0; ky < g.poolHeight; ky++) {
            for (let kx = 0; kx < g.poolWidth; kx++) {
              const i = where[((b * ph + oy * g.strideHeight + ky) * pw + ox * g.strideWidth + kx) * g.channels + c]!;
              if (i >= 0) list.push(i);
            }
          }
          windows.push(list);
        }
      }
    }
  }
  return windows;
}
