/**
 * Rendering Vega-Lite specs without a browser: compiled to Vega, laid out by a headless Vega
 * view (`renderer: 'none'`) and serialized to SVG; PNG by rasterizing that SVG with resvg.
 * Library warnings are collected, never printed.
 */
import { NoisenetError } from '../errors.js';
import * as vega from 'vega';
import { compile, version as vegaLiteVersion, type TopLevelSpec } from 'vega-lite';

type Logger = NonNullable<vega.ViewOptions['logger']>;

/** A logger that keeps warnings and errors in `into` instead of printing them. */
function collectingLogger(into: string[]): Logger {
  let level = vega.Warn;
  const keep = (kind: string) => (...args: readonly unknown[]): Logger => {
    into.push(`${kind}: ${args.map(String).join(' ')}`);
    return logger;
  };
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error: keep('error'),
    warn: keep('warning'),
    info: () => logger,
    debug: () => logger,
  } as unknown as Logger;
  return logger;
}

/** The versions of the charting libraries, for the report's footer and results. */
export const chartLibraries = { vega: vega.version, vegaLite: vegaLiteVersion } as const;

/** A rendered chart: the SVG markup and the warnings Vega-Lite and Vega gave. */
export interface RenderedChart {
  svg: string;
  warnings: string[];
}

/**
 * Renders a Vega-Lite spec to an SVG string. Element ids inside the SVG (clip paths, gradients)
 * get `idPrefix` so that several charts can be inlined in one HTML page.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix = ''): Promise<RenderedChart> {
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const vg = compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(vg), { renderer: 'none', logger });
  try {
    let svg = await view.toSVG();
    if (idPrefix) {
      svg = svg.replace(/\bid="([^"]+)"/g, `id="${idPrefix}$1"`).replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}$1)`).replace(/href="#([^"]+)"/g, `href="#${idPrefix}$1"`);
    }
    return { svg, warnings };
  } finally {
    view.finalize();
  }
}

/** Rasterizes an SVG chart to PNG at `scale` times its size (default 2, for sharp text), with the system's fonts. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js').catch((e: Error) => {
    throw new NoisenetError(`--png needs the optional package @resvg/resvg-js, which is not installed here (${e.message.split('\n')[0]}); run npm install @resvg/resvg-js or leave out --png`);
  });
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
