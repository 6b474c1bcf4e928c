// Export of a figure as SVG and PNG. The PNG is the SVG string rasterised on a
// canvas at twice its size, not a screenshot of the page's chart: a large
// scatter exported from a canvas chart at a higher pixel ratio loses its
// points (charts.md, "Pitfalls").
import { renderSvg, type Figure } from '@maxent/figures';
import { download } from './dom.js';

export const PNG_SCALE = 2;

export function svgBlob(figure: Figure): Blob {
  return new Blob([renderSvg(figure)], { type: 'image/svg+xml' });
}

export function downloadSvg(figure: Figure): void {
  download(svgBlob(figure), `${figure.id}.svg`);
}

export async function pngBlob(figure: Figure, scale = PNG_SCALE): Promise<Blob> {
  const svg = renderSvg(figure);
  const width = figure.width ?? 640;
  const height = figure.height ?? 400;
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('this browser gives no 2-D canvas for the PNG export');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob === null ? reject(new Error('the PNG could not be encoded')) : resolve(blob)), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPng(figure: Figure): Promise<void> {
  download(await pngBlob(figure), `${figure.id}.png`);
}
