// Regenerates the figures and the measured table of docs/gd-match.md from a
// `maxent sweep --preset gd-match` result file (run `pnpm build` first):
//   node scripts/gd-match-doc.mjs gd-match.json
// Writes docs/figures/gd-match/*.svg and prints the markdown table.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { bestSigmaFigure, matchCurveFigure, matchTvAgainstContextsFigure, renderSvg } from '../packages/figures/dist/index.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: node scripts/gd-match-doc.mjs SWEEP.json');
const sweep = JSON.parse(readFileSync(path, 'utf8'));
const folder = new URL('../docs/figures/gd-match/', import.meta.url);
mkdirSync(folder, { recursive: true });
const figures = [
  matchCurveFigure(sweep, { contexts: 3 }),
  matchCurveFigure(sweep, { contexts: 5 }),
  matchTvAgainstContextsFigure(sweep),
  bestSigmaFigure(sweep, 'weightDecay'),
  bestSigmaFigure(sweep, 'initScale'),
];
const names = ['match-curve-k3', 'match-curve-k5', 'match-tv', 'best-sigma-weight-decay', 'best-sigma-init-scale'];
figures.forEach((figure, index) => writeFileSync(new URL(`${names[index]}.svg`, folder), renderSvg(figure)));

const cell = (row, column, digits = 3) => {
  const value = row[column];
  if (typeof value !== 'number') return 'n/a';
  const error = row[`${column}Stderr`];
  return typeof error === 'number' ? `${value.toFixed(digits)} ± ${error.toFixed(digits)}` : value.toFixed(digits);
};
// Which replicates sit at an end of the range, read from their own rows.
const end = (row) => {
  const sides = String(row.indices).split(' ').map((index) => sweep.rows[Number(index)].matchRangeEnd).filter((side) => side !== null);
  if (sides.length === 0) return 'no';
  const counts = ['lower', 'upper'].map((side) => [side, sides.filter((s) => s === side).length]).filter(([, n]) => n > 0);
  return counts.map(([side, n]) => `${n}/${row.replicates} ${side}`).join(', ');
};
const lines = [
  '| regime | K | initScale | weight decay | R^2 | best σ (joint) | TV at best | \\|Δχ\\| at best | at range end |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const row of sweep.rows.filter((r) => r.mode === 'mean')) {
  lines.push(`| ${row.grid} | ${row.contexts} | ${row.initScale} | ${row.weightDecay} | ${cell(row, 'r2', 4)} | ${cell(row, 'matchWeightScale')} | ${cell(row, 'matchTvDistance')} | ${cell(row, 'matchSelectivityDifference')} | ${end(row)} |`);
}
console.log(lines.join('\n'));
console.log(`\ntiming: ${JSON.stringify(sweep.timing)}`);
