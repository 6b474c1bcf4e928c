import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lowrankFigurePlan } from './lowrankPlan.js';

// The lowrank files made by `maxent lowrank` (the figures package's fixtures, see its make-fixtures.sh).
const FIXTURES = join(import.meta.dirname, '../../../../../packages/figures/test/fixtures');
const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
const idsOf = (name: string) => lowrankFigurePlan(read(name)).figures.map((figure) => figure.build().id);

describe('the views of the low-rank kinds', () => {
  it('draw the figures of @maxent/figures that each file holds, and every one builds', () => {
    expect(idsOf('lowrank-teacher-quadstable.json')).toEqual(['lowrank-network-flow', 'lowrank-network-loadings']);
    expect(idsOf('lowrank-constraints-bistable.json')).toEqual(['lowrank-constraints-targets']);
    expect(idsOf('lowrank-solution-bistable.json')).toEqual(['lowrank-solution-conditional-mean', 'lowrank-solution-density']);
    expect(idsOf('lowrank-solution-quadstable.json')).toEqual(['lowrank-solution-density']);
    expect(idsOf('lowrank-analysis-quadstable.json')).toEqual(['lowrank-analysis-trajectories']);
  });

  it('say why a figure is left out: E[n | m] at rank 2 needs the teacher; rank 3 has no latent-space figures', () => {
    expect(lowrankFigurePlan(read('lowrank-solution-quadstable.json')).notes.join(' ')).toMatch(/against its teacher/);
    const rank3 = { ...read('lowrank-analysis-quadstable.json'), rank: 3 };
    const plan = lowrankFigurePlan(rank3);
    expect(plan.figures).toEqual([]);
    expect(plan.notes).toEqual(['Figures of the latent space need rank 1 or 2; this file has rank 3.']);
  });
});
