import { rnnStudyEigenvalueFigure, rnnStudyScatterFigure, rnnTrainingFigure, type RnnSweepFile, type RnnTrainingFile } from '@maxent/figures';
import type { KindView } from '../registry.js';
import { addFigure, addTable, figureGrid } from '../parts.js';
import { arrayTable, scalarTable } from '../scalarTable.js';

// The seRNN training and study files (issue 14, model.md §11-§12): the figures and tables of the report.
const MEASURES = ['totalWeight', 'shannonEntropy', 'modularity', 'leadingEigenvalue', 'spectralEntropy', 'distanceCorrelation'];

/** `rnn-training`: Q, H and accuracy over the epochs, and the per-epoch measures. */
export const rnnTrainingView: KindView = {
  label: 'seRNN training (maxent rnn train)',
  render(target, opened) {
    const file = opened.data as RnnTrainingFile & Record<string, unknown>;
    const grid = figureGrid();
    addFigure(grid, 'modularity and entropy over training', () => rnnTrainingFigure(file));
    target.append(grid);
    addTable(target, scalarTable('rnn-training', 'Training (model.md §12)', file, ['config.regularizer', 'config.gamma', 'seed', 'units', 'stoppedBy', 'learnt']));
    addTable(
      target,
      arrayTable('rnn-epochs', 'Per epoch (epoch 0 = initialisation)', file.epochs, [
        'epoch', 'loss', 'testAccuracy', 'problemAccuracy',
        ...MEASURES.map((name) => (name === 'modularity' ? 'measures.modularity.q' : `measures.${name}`)),
      ]),
    );
  },
};

/** `rnn-sweep`: the papers' comparisons across the study's networks, and every run. */
export const rnnSweepView: KindView = {
  label: 'seRNN study (maxent rnn sweep)',
  render(target, opened) {
    const file = opened.data as RnnSweepFile & Record<string, unknown>;
    const grid = figureGrid();
    addFigure(grid, 'Q against Shannon entropy', () => rnnStudyScatterFigure(file, 'shannonEntropy', 'modularity'));
    addFigure(grid, 'Shannon entropy against total weight', () => rnnStudyScatterFigure(file, 'totalWeight', 'shannonEntropy'));
    addFigure(grid, 'leading eigenvalue against gamma', () => rnnStudyScatterFigure(file, 'gamma', 'leadingEigenvalue', { logX: true }));
    addFigure(grid, 'spectral entropy against gamma', () => rnnStudyScatterFigure(file, 'gamma', 'spectralEntropy', { logX: true }));
    addFigure(grid, 'eigenvalues', () => rnnStudyEigenvalueFigure(file));
    target.append(grid);
    const summary = (file as { summary?: { cells?: unknown } }).summary;
    addTable(target, arrayTable('rnn-cells', 'Each regulariser and gamma: means over the learnt runs', summary?.cells, ['regularizer', 'gamma', 'runs', 'learnt', ...MEASURES.map((name) => `mean.${name}`)]));
    addTable(target, scalarTable('rnn-matched', 'At matched total weight (fraction of pairs)', file, [
      'summary.matched.pairs', 'summary.matched.seRnnHigherModularity', 'summary.matched.seRnnLowerEntropy',
      'summary.matched.seRnnSmallerLeadingEigenvalue', 'summary.matched.seRnnHigherSpectralEntropy',
    ]));
    addTable(target, arrayTable('rnn-runs', 'Every run (none left out)', file.rows, ['index', 'regularizer', 'gamma', 'seed', 'learnt', 'final.testAccuracy', ...MEASURES.map((name) => `final.${name}`)]));
  },
};
