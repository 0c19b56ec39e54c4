/**
 * Rendering Vega-Lite specs without a browser: compiled to Vega, laid out by a headless Vega
 * view (`renderer: 'none'`) and serialized to SVG (PNG: node/png.ts). Library warnings are
 * collected, never printed.
 */
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
