// Renders every catalogue figure of the fixtures, to look at them:
//   pnpm exec tsx packages/figures/scripts/samples.ts [folder]   (default packages/figures/.samples, git-ignored)
// writes <id>.svg for each figure (renderSvg) and canvas.html, a page that mounts
// the same figures with mountFigure (canvas renderer; the fixtures are bundled in).
// Open either in a browser, or screenshot them with headless Chromium.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { decodeNpy } from '@maxent/core';
import { renderSvg } from '../src/index.js';
import { fixtureFigures } from './fixtureFigures.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = join(here, '../test/fixtures');
const out = process.argv[2] ?? join(here, '../.samples');
mkdirSync(out, { recursive: true });

const json = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as unknown;
const npy = decodeNpy(new Uint8Array(readFileSync(join(fixtures, 'weights-100.npy'))));
const weights = { rows: npy.shape[0], cols: npy.shape[1], data: Float64Array.from(npy.data as ArrayLike<number>) };

for (const figure of fixtureFigures({ json, weights })) {
  const started = performance.now();
  const svg = renderSvg(figure);
  writeFileSync(join(out, `${figure.id}.svg`), svg);
  console.log(`${figure.id.padEnd(34)} ${(svg.length / 1024).toFixed(0).padStart(6)} KB ${(performance.now() - started).toFixed(0).padStart(6)} ms`);
}

// The browser page: the same figures, mounted on canvas.
const names = ['solution-k3', 'analysis-k3', 'network-mcmc-k3', 'sweep-transitions', 'sweep-small', 'weight-metrics-100', 'network-k3', 'eigenvalues-100', 'evaluation-k3-s0.05', 'evaluation-k3-s0.1', 'evaluation-k3-s0.3'];
const embedded = Object.fromEntries(names.map((name) => [`${name}.json`, json(`${name}.json`)]));
const entry = `
import { mountFigure } from '../src/index.js';
import { fixtureFigures } from './fixtureFigures.js';
const files = ${JSON.stringify(embedded)};
const weights = { rows: ${weights.rows}, cols: ${weights.cols}, data: Float64Array.from(${JSON.stringify(Array.from(weights.data))}) };
for (const figure of fixtureFigures({ json: (name) => files[name], weights })) {
  const box = document.createElement('div');
  box.id = figure.id;
  box.style.cssText = 'width:' + (figure.width ?? 640) + 'px;height:' + (figure.height ?? 400) + 'px;display:inline-block;margin:4px;border:1px solid #ddd';
  document.body.appendChild(box);
  mountFigure(box, figure);
}
document.title = 'mounted';
`;
const bundle = await build({
  stdin: { contents: entry, resolveDir: here, loader: 'ts' },
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'esm',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
writeFileSync(join(out, 'canvas.html'), `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#fff"><script type="module">${bundle.outputFiles[0].text.replace(/<\/script/g, '<\\/script')}</script>`);
console.log(`canvas.html ${(bundle.outputFiles[0].text.length / 1024).toFixed(0)} KB of script`);
