import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../state/viewerState.js';
import { seriesDigest } from '../views/figureDigest.js';
import { exploreSettings } from '../worker/explore.js';
import { exploreFigures, summaryNumbers } from './exploreFigures.js';

describe('explore result -> figures', () => {
  it('draws the three solution figures and the scatter, from the solution file itself', () => {
    const result = exploreSettings({ ...DEFAULT_STATE, contexts: 4, neurons: 300 });
    const { figures, notes } = exploreFigures(result);
    expect(Object.keys(figures)).toEqual(['populations', 'activeContexts', 'selectivity', 'neurons']);
    expect(notes).toEqual([]);
    const digest = seriesDigest(figures.populations!);
    expect(digest.categories).toHaveLength(16);
    // The energy-share bars are the solution's own numbers, by pattern label.
    const populations = (result.solution as unknown as { populations: { pattern: number[]; energyShare: number }[] }).populations;
    const byLabel = new Map(populations.map((p) => [p.pattern.join(''), p.energyShare]));
    const energy = digest.series.find((series) => series.name.startsWith('energy share'))!;
    expect(energy.values).toEqual(digest.categories!.map((label) => byLabel.get(label)));
    // The active-contexts bars are the summary's distribution by energy.
    const active = seriesDigest(figures.activeContexts!).series.find((series) => series.name === 'by energy')!;
    expect(active.values).toEqual(result.solution.summary.activeCount.byEnergy);
    expect(figures.neurons!.caption).toMatch(/300/);
  });

  it('says why continuous gains have no population figures nor scatter', () => {
    const { figures, notes } = exploreFigures(exploreSettings({ ...DEFAULT_STATE, nonlinearity: 'softplus', contexts: 2, weightScale: 5, neurons: 100 }));
    expect(Object.keys(figures)).toEqual([]);
    expect(notes).toHaveLength(2);
  });

  it('lists the summary numbers with their exact values', () => {
    const result = exploreSettings({ ...DEFAULT_STATE, neurons: 100 });
    const numbers = summaryNumbers(result.solution);
    expect(numbers.map((entry) => entry.key)).toEqual(['klFromPrior', 'specialization', 'specializationPrior', 'selectivity', 'selectivityNormalized', 'iterations', 'maxResidual']);
    expect(numbers[1].value).toBe(result.solution.summary.specialization);
    // The README's numbers for K = 3, sigma = 1 (select task, relu).
    expect(numbers[1].value).toBeCloseTo(0.2995, 4);
    expect(numbers[3].value).toBeCloseTo(0.6485, 4);
  });
});
