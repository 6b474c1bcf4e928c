import { Resvg } from '@resvg/resvg-js';

/**
 * PNG of a figure's SVG (report `--png`), rasterised by resvg (Rust, prebuilt for
 * each platform; no browser). Rasterising the SVG string sidesteps the PNG pitfall
 * of charts.md (a large scatter exported from a live chart above its own pixel
 * ratio loses its points). Text uses the system's fonts, with DejaVu Sans for the
 * generic sans-serif family ECharts asks for; on a machine without fonts the
 * shapes still draw but the labels do not.
 */
export function rasteriseSvg(svg: string, scale = 2): Uint8Array {
  const renderer = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return renderer.render().asPng();
}
