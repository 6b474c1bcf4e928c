// E[n | m] of a low-rank solution against its teacher's (model.md §14): the part of
// the loadings the dynamics identify, up to the projection onto span{phi(.; kappa_t)}.
import { invalid } from '@maxent/core';
import { baseOption, formatTick, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import type { LowRankNetworkFile, LowRankSolutionFile, LowRankTeacherSpec } from './lowrankResults.js';
import { expectDrawableRank } from './lowrankResults.js';
import { OKABE_ITO, REFERENCE_INK } from './palette.js';
import { expectArray, expectKind } from './results.js';

/**
 * E[n | m] of a Gaussian mixture: each component's regression
 * mu_n + S_nm S_mm^-1 (m - mu_m), weighted by its posterior weight given m.
 */
export function teacherConditionalMean(spec: LowRankTeacherSpec, m: readonly number[]): number[] {
  const rank = spec.rank;
  const logWeights: number[] = [];
  const means: number[][] = [];
  for (const component of spec.components) {
    const muM = component.mean.slice(0, rank);
    const muN = component.mean.slice(rank, 2 * rank);
    const smm = component.covariance.slice(0, rank).map((row) => row.slice(0, rank));
    const snm = component.covariance.slice(rank, 2 * rank).map((row) => row.slice(0, rank));
    const { solve, logDet } = cholesky(smm);
    const centred = m.map((value, r) => value - muM[r]);
    const whitened = solve(centred);
    let quadratic = 0;
    for (let r = 0; r < rank; r++) quadratic += centred[r] * whitened[r];
    logWeights.push(Math.log(component.weight) - 0.5 * logDet - 0.5 * quadratic);
    means.push(muN.map((mu, s) => mu + snm[s].reduce((sum, value, r) => sum + value * whitened[r], 0)));
  }
  const top = Math.max(...logWeights);
  const weights = logWeights.map((value) => Math.exp(value - top));
  const total = weights.reduce((a, b) => a + b, 0);
  return Array.from({ length: rank }, (_, s) => means.reduce((sum, mean, c) => sum + (weights[c] / total) * mean[s], 0));
}

/**
 * R = 1: E[n | m] of the solution (and the teacher's, when given) against m.
 * R = 2: needs the teacher; each grid point within 2 σ_m of the origin is a point
 * (teacher's E[n_s | m], solution's), one series per s, on the identity line when they agree.
 */
export function lowrankConditionalMeanFigure(solution: LowRankSolutionFile, teacher?: LowRankNetworkFile): Figure {
  expectKind(solution, 'lowrank-solution');
  expectDrawableRank(solution.rank);
  const table = solution.conditionalMean;
  if (table === null || table === undefined) throw invalid('conditionalMean', 'must hold E[n | m] on a grid (rank 1 or 2)', table);
  expectArray(table.m, 'conditionalMean.m');
  expectArray(table.values, 'conditionalMean.values');
  if (table.m.length !== table.values.length) throw invalid('conditionalMean.values', `must have one entry per grid point (${table.m.length})`, table.values.length);
  let spec: LowRankTeacherSpec | null = null;
  if (teacher !== undefined) {
    expectKind(teacher, 'lowrank-network');
    if (teacher.teacher === null || teacher.teacher === undefined) throw invalid('teacher.teacher', 'must hold the Gaussian-mixture spec of a preset or spec teacher', teacher.teacher);
    spec = teacher.teacher;
    if (spec.rank !== solution.rank) throw invalid('teacher.rank', `must equal the solution's rank ${solution.rank}`, spec.rank);
  }
  const mode = `${solution.mode} max-ent solution`;
  if (solution.rank === 1) {
    const solved = table.m.map((m, i) => [m[0], table.values[i][0]]);
    return {
      kind: 'chart',
      id: 'lowrank-solution-conditional-mean',
      title: 'Mean of n given m',
      caption:
        `E[n | m] of the ${mode}` + (spec === null ? '' : ` and of its teacher (closed form of its Gaussian mixture, dashed)`) +
        `, on the solution's grid (model.md §14). The dynamics identify E[n | m] only through its projection onto span{φ(m κ_t)}, so the curves may part, most in the tails where p(m) has little mass` +
        (solution.mode === 'joint' ? `; a joint solution also has its own p(m), not the teacher's.` : '.'),
      option: {
        ...baseOption(),
        legend: topLegend(),
        grid: { left: 72, right: 24, top: 44, bottom: 56 },
        xAxis: valueAxis({ name: 'm', min: table.m[0][0], max: table.m[table.m.length - 1][0] }),
        yAxis: valueAxis({ name: 'E[n | m]', scale: true, nameGap: 44 }),
        series: [
          { type: 'line', name: 'solution', showSymbol: false, lineStyle: { color: OKABE_ITO.blue, width: 2 }, itemStyle: { color: OKABE_ITO.blue }, data: solved },
          ...(spec === null
            ? []
            : [{ type: 'line' as const, name: 'teacher', showSymbol: false, lineStyle: { color: REFERENCE_INK, width: 1.5, type: 'dashed' as const }, itemStyle: { color: REFERENCE_INK }, data: table.m.map((m) => [m[0], teacherConditionalMean(spec, m)[0]]) }]),
        ],
      },
    };
  }
  if (spec === null) throw invalid('teacher', 'is needed for rank 2: the figure plots the solution against the teacher', teacher);
  const sigma = solution.config?.priorMStd ?? 1;
  const inside = table.m.map((_, i) => i).filter((i) => Math.hypot(...table.m[i]) <= 2 * sigma + 1e-9);
  const pairs = inside.map((i) => ({ teacher: teacherConditionalMean(spec, table.m[i]), solved: table.values[i] }));
  // A symmetric range rounded out to half units, so the ticks and the identity line read cleanly.
  let largest = 0;
  for (const pair of pairs) for (const value of [...pair.teacher, ...pair.solved]) if (Number.isFinite(value)) largest = Math.max(largest, Math.abs(value));
  const bound = Math.max(0.5, Math.ceil(largest * 1.05 * 2) / 2);
  const colors = [OKABE_ITO.blue, OKABE_ITO.vermillion];
  return {
    kind: 'chart',
    id: 'lowrank-solution-conditional-mean',
    title: 'Mean of n given m: solution against teacher',
    caption:
      `Each point is a grid point m with |m| ≤ 2σ_m = ${formatTick(2 * sigma)} (${inside.length} points): the teacher's E[n_s | m] (closed form of its Gaussian mixture) across, ` +
      `the ${mode}'s up, for s = 1, 2 (model.md §14). On the dashed identity line they agree; the dynamics identify only the projection of the teacher's E[n | m] onto span{φ(m · κ_t)}.`,
    width: 520,
    height: 520,
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: { left: 72, right: 24, top: 44, bottom: 56, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: 'teacher E[n_s | m]', min: -bound, max: bound }),
      yAxis: valueAxis({ name: 'solution E[n_s | m]', min: -bound, max: bound, nameGap: 44 }),
      series: [0, 1].map((s) => ({
        type: 'scatter' as const,
        name: s === 0 ? 'n₁' : 'n₂',
        // n2 as open rings over filled n1 dots: the symmetric teachers put both on the same points.
        symbolSize: s === 0 ? 5 : 8,
        itemStyle: s === 0 ? { color: colors[0], opacity: 0.7 } : { color: 'rgba(0,0,0,0)', borderColor: colors[1], borderWidth: 1.5 },
        data: pairs.map((pair) => [pair.teacher[s], pair.solved[s]]),
        ...(s === 0
          ? { markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: REFERENCE_INK, type: 'dashed' as const, width: 1 }, data: [[{ coord: [-bound, -bound] }, { coord: [bound, bound] }]] } }
          : {}),
      })),
    },
  };
}

/** Cholesky factor of a small SPD matrix: a solver and log det. */
function cholesky(matrix: readonly (readonly number[])[]): { solve: (b: readonly number[]) => number[]; logDet: number } {
  const size = matrix.length;
  const lower = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let logDet = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i][j];
      for (let k = 0; k < j; k++) sum -= lower[i][k] * lower[j][k];
      if (i === j) {
        if (!(sum > 0)) throw invalid('teacher.components.covariance', 'must have a positive-definite m block', matrix);
        lower[i][i] = Math.sqrt(sum);
        logDet += 2 * Math.log(lower[i][i]);
      } else lower[i][j] = sum / lower[j][j];
    }
  }
  const solve = (b: readonly number[]) => {
    const y = new Array<number>(size);
    for (let i = 0; i < size; i++) {
      let sum = b[i];
      for (let k = 0; k < i; k++) sum -= lower[i][k] * y[k];
      y[i] = sum / lower[i][i];
    }
    const x = new Array<number>(size);
    for (let i = size - 1; i >= 0; i--) {
      let sum = y[i];
      for (let k = i + 1; k < size; k++) sum -= lower[k][i] * x[k];
      x[i] = sum / lower[i][i];
    }
    return x;
  };
  return { solve, logDet };
}
