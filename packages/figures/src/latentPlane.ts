// Marks shared by the figures of a latent space (model.md §14): fixed points by
// stability and arrow fields. Arrows are drawn in data units on a square plot
// with equal axis ranges, so a data direction is the drawn direction.
import { REFERENCE_INK } from './palette.js';
import type { LowRankFixedPoint } from './lowrankResults.js';

/** Plot area of a square latent-plane figure, and the figure size around it. */
export const PLANE_GRID = Object.freeze({ left: 64, right: 24, top: 44, bottom: 56 });
export const PLANE_SIDE = 432;
export const PLANE_WIDTH = PLANE_SIDE + PLANE_GRID.left + PLANE_GRID.right;
export const PLANE_HEIGHT = PLANE_SIDE + PLANE_GRID.top + PLANE_GRID.bottom;

// Stable points filled, saddles open, sources open diamonds, marginal ones grey.
const FIXED_POINT_STYLE = {
  stable: { symbol: 'circle', itemStyle: { color: REFERENCE_INK, borderColor: '#FFFFFF', borderWidth: 1 } },
  saddle: { symbol: 'circle', itemStyle: { color: '#FFFFFF', borderColor: REFERENCE_INK, borderWidth: 2 } },
  source: { symbol: 'diamond', itemStyle: { color: '#FFFFFF', borderColor: REFERENCE_INK, borderWidth: 2 } },
  marginal: { symbol: 'circle', itemStyle: { color: '#999999', borderColor: REFERENCE_INK, borderWidth: 1 } },
} as const;

/**
 * One scatter series per kind of fixed point present, in the order stable,
 * saddle, source, marginal; `place` maps a fixed point to its [x, y].
 */
export function fixedPointSeries(points: readonly LowRankFixedPoint[], place: (point: LowRankFixedPoint) => [number, number]) {
  return (['stable', 'saddle', 'source', 'marginal'] as const)
    .map((kind) => ({ kind, members: points.filter((point) => point.kind === kind) }))
    .filter(({ members }) => members.length > 0)
    .map(({ kind, members }) => ({
      type: 'scatter' as const,
      name: kind,
      symbolSize: 12,
      z: 5,
      ...FIXED_POINT_STYLE[kind],
      data: members.map(place),
    }));
}

export interface Arrow {
  readonly x: number;
  readonly y: number;
  readonly dx: number;
  readonly dy: number;
}

/**
 * Arrows as two series: shafts (one line series, segments split by nulls) and
 * heads (triangles rotated along the arrow). `length` is the drawn length of the
 * longest arrow in data units; the others are in proportion.
 */
export function arrowSeries(arrows: readonly Arrow[], length: number, name: string, color: string) {
  let longest = 0;
  for (const arrow of arrows) longest = Math.max(longest, Math.hypot(arrow.dx, arrow.dy));
  const scale = longest > 0 ? length / longest : 0;
  const shafts: ([number, number] | null)[] = [];
  const heads: { value: [number, number]; symbolRotate: number }[] = [];
  for (const arrow of arrows) {
    const end: [number, number] = [arrow.x + scale * arrow.dx, arrow.y + scale * arrow.dy];
    shafts.push([arrow.x, arrow.y], end, null);
    // ECharts' triangle points up and symbolRotate turns counterclockwise, in degrees.
    heads.push({ value: end, symbolRotate: (Math.atan2(arrow.dy, arrow.dx) * 180) / Math.PI - 90 });
  }
  return [
    {
      type: 'line' as const,
      name,
      showSymbol: false,
      connectNulls: false,
      silent: true,
      lineStyle: { color, width: 1 },
      itemStyle: { color },
      data: shafts,
    },
    {
      type: 'scatter' as const,
      name,
      symbol: 'triangle',
      symbolSize: 6,
      silent: true,
      itemStyle: { color },
      data: heads,
    },
  ];
}

/** A symmetric extent [-e, e] holding the given coordinates with a margin, at least `least`. */
export function symmetricExtent(values: Iterable<number>, least: number): number {
  let largest = 0;
  for (const value of values) if (Number.isFinite(value)) largest = Math.max(largest, Math.abs(value));
  return Math.max(least, Math.ceil(largest * 1.3 * 2) / 2);
}
