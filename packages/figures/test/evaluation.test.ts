import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { evaluationR2Figure, r2AgainstStimulusStdFigure, type EvaluationFile } from '../src/index.js';
import { axes, categories, copy, fixture, seriesNamed, valuesOf } from './helpers.js';

const evaluations = ['0.05', '0.1', '0.3'].map((std) => fixture<EvaluationFile>(`evaluation-k3-s${std}.json`));

describe('evaluationR2Figure', () => {
  it('shows R^2 per context and pooled, for the network and its linearisation', () => {
    const evaluation = evaluations[1];
    const figure = evaluationR2Figure(evaluation);
    expect(categories(figure)).toEqual(['context 1', 'context 2', 'context 3', 'all']);
    expect(valuesOf(seriesNamed(figure, 'network'))).toEqual([...evaluation.perContext.map((entry) => entry.r2), evaluation.r2]);
    expect(valuesOf(seriesNamed(figure, 'linearised'))).toEqual([...evaluation.linearized.perContext!.map((entry) => entry.r2), evaluation.linearized.r2]);
    expect(axes(figure, 'yAxis')[0]).toMatchObject({ name: 'R²', min: 0, max: 1 });
  });

  it('draws a missing R^2 as a gap and lowers the axis below a negative one', () => {
    const broken = copy(evaluations[0]);
    broken.perContext[1].r2 = null;
    broken.r2 = -0.42;
    const figure = evaluationR2Figure(broken);
    expect(valuesOf(seriesNamed(figure, 'network'))[1]).toBeNull();
    expect(axes(figure, 'yAxis')[0].min).toBe(-0.5);
  });
});

describe('r2AgainstStimulusStdFigure', () => {
  it('puts the evaluations in stimulus order, whatever the input order', () => {
    const figure = r2AgainstStimulusStdFigure([evaluations[2], evaluations[0], evaluations[1]]);
    expect(seriesNamed(figure, 'network').data).toEqual(evaluations.map((evaluation) => [evaluation.config.stimulusStd, evaluation.r2]));
    expect(seriesNamed(figure, 'linearised').data).toEqual(evaluations.map((evaluation) => [evaluation.config.stimulusStd, evaluation.linearized.r2]));
    expect(evaluations.map((evaluation) => evaluation.config.stimulusStd)).toEqual([0.05, 0.1, 0.3]);
  });

  it('needs at least one evaluation with a stimulus size', () => {
    expect(() => r2AgainstStimulusStdFigure([])).toThrow(InvalidInputError);
    const broken = copy(evaluations[0]);
    broken.config.stimulusStd = 'big';
    expect(() => r2AgainstStimulusStdFigure([evaluations[1], broken])).toThrow('invalid `evaluations[1].config.stimulusStd`');
  });
});
