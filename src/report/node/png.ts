/** PNG charts in Node: the SVG rasterized with resvg (the native package @resvg/resvg-js, an optional peer dependency). */
import type { Resvg } from '@resvg/resvg-js';
import { MissingPackageError } from '../../errors.js';

/** The rasterizer, or a MissingPackageError saying how to get it. */
async function resvg(): Promise<typeof Resvg> {
  const module = await import('@resvg/resvg-js').catch((e: Error) => {
    throw new MissingPackageError(`--png needs the optional package @resvg/resvg-js, which is not installed here (${e.message.split('\n')[0]}); run npm install @resvg/resvg-js or leave out --png`);
  });
  return module.Resvg;
}

/** Fails now, rather than after an experiment, when PNGs cannot be written here. */
export async function checkPngSupport(): Promise<void> {
  await resvg();
}

/** Rasterizes an SVG chart to PNG at `scale` times its size (default 2, for sharp text), with the system's fonts. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const Rasterizer = await resvg();
  const png = new Rasterizer(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
