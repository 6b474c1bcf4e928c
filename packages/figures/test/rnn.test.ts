import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { renderSvg, rnnStudyEigenvalueFigure, rnnStudyScatterFigure, rnnTrainingFigure, type RnnSweepFile, type RnnTrainingFile } from '../src/index.js';
import { fixture, seriesNamed } from './helpers.js';

const training = fixture<RnnTrainingFile>('rnn-training-small.json');
const sweep = fixture<RnnSweepFile>('rnn-sweep-small.json');

describe('RNN figures', () => {
  it('plots Q, H and accuracy of every epoch from the file', () => {
    const figure = rnnTrainingFigure(training);
    expect(seriesNamed(figure, 'Q').data).toEqual(training.epochs.map((e) => [e.epoch, e.measures.modularity.q]));
    expect(seriesNamed(figure, 'H').data).toEqual(training.epochs.map((e) => [e.epoch, e.measures.shannonEntropy]));
    expect(renderSvg(figure)).toContain('<svg');
  });

  it('scatters one measure against another per regulariser, learnt and not learnt apart, every run drawn', () => {
    const figure = rnnStudyScatterFigure(sweep, 'shannonEntropy', 'modularity');
    const drawn = ['l1', 'sernn'].flatMap((group) => [...(seriesNamed(figure, `${group} (learnt)`).data as unknown[]), ...(seriesNamed(figure, `${group} (not learnt)`).data as unknown[])]);
    expect(drawn).toHaveLength(sweep.rows.length);
    const first = sweep.rows[0];
    expect(drawn).toContainEqual([first.final.shannonEntropy, first.final.modularity]);
    expect(renderSvg(rnnStudyScatterFigure(sweep, 'gamma', 'leadingEigenvalue', { logX: true }))).toContain('<svg');
    expect(() => rnnStudyScatterFigure(sweep, 'entropy', 'modularity')).toThrow(InvalidInputError);
  });

  it('draws the eigenvalues of the learnt networks only', () => {
    // The fixture's tiny runs did not learn; mark two as learnt.
    const marked = { ...sweep, rows: sweep.rows.map((row, i) => ({ ...row, learnt: i === 0 || i === 3 })) };
    const figure = rnnStudyEigenvalueFigure(marked);
    expect((seriesNamed(figure, 'l1').data as unknown[]).length).toBe(marked.rows[0].eigenvalues.real.length);
    expect(seriesNamed(figure, 'sernn').data).toEqual(marked.rows[3].eigenvalues.real.map((re, k) => [re, marked.rows[3].eigenvalues.imaginary[k]]));
    expect(rnnStudyEigenvalueFigure(sweep).option.series).toHaveLength(3);
    expect(renderSvg(figure)).toContain('<svg');
  });

  it('rejects a file of another kind', () => {
    expect(() => rnnTrainingFigure({ ...training, kind: 'sweep' } as unknown as RnnTrainingFile)).toThrow(InvalidInputError);
  });
});
