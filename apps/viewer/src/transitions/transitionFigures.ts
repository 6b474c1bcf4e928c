// Data -> figure input for the transitions panel: the computed rows, with an
// opened sweep's rows laid over them, through the sweep builders of
// @maxent/figures, and the current setting marked.
import { selectivityFigure, specializationFigure, type Figure, type SweepFile, type SweepRow } from '@maxent/figures';
import { withCurrentSetting } from '../views/currentSetting.js';
import type { ViewerState } from '../state/viewerState.js';

export interface CurrentValues {
  readonly specialization: number | null;
  readonly selectivityNormalized: number | null;
}

/** The computed sweep with the overlay's rows appended (grid names prefixed, so the two never merge into one line). */
export function combinedSweep(computed: SweepFile, overlay: SweepFile | null): SweepFile {
  if (overlay === null) return computed;
  const rows: SweepRow[] = [...computed.rows, ...overlay.rows.map((row) => ({ ...row, grid: `file: ${row.grid ?? 'sweep'}` }))];
  return { ...computed, rows };
}

export function transitionFigures(computed: SweepFile, overlay: SweepFile | null, state: ViewerState, current: CurrentValues | null): Figure[] {
  const sweep = combinedSweep(computed, overlay);
  const K = state.task === 'matrix' ? state.matrix.length : state.contexts;
  const overlayNote = overlay === null ? '' : ` The opened sweep's ${overlay.rows.length} rows are drawn with the computed ones.`;
  const specialization = specializationFigure(sweep);
  const selectivity = selectivityFigure(sweep);
  return [
    withCurrentSetting({ ...specialization, caption: specialization.caption + overlayNote }, current === null ? null : [K, current.specialization]),
    withCurrentSetting({ ...selectivity, caption: selectivity.caption + overlayNote }, current === null ? null : [state.weightScale, current.selectivityNormalized]),
  ];
}
