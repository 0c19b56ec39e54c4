/** PNG charts in Node: the SVG rasterized with resvg (the optional native package @resvg/resvg-js). */
import { NoisenetError } from '../../errors.js';

/** Rasterizes an SVG chart to PNG at `scale` times its size (default 2, for sharp text), with the system's fonts. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js').catch((e: Error) => {
    throw new NoisenetError(`--png needs the optional package @resvg/resvg-js, which is not installed here (${e.message.split('\n')[0]}); run npm install @resvg/resvg-js or leave out --png`);
  });
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
