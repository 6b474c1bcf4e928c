import {
  evaluationR2Figure,
  mcmcEssFigure,
  mcmcRhatFigure,
  mcmcTraceFigure,
  neuronScatterFigure,
} from '@maxent/figures';
import { CancelledError } from '../../worker/client.js';
import type { NetworkPayload } from '../../worker/openFile.js';
import { element, messageBox } from '../../ui/dom.js';
import { withCompactLegend } from '../compactLegend.js';
import type { KindView } from '../registry.js';
import { addFigure, addTable, figureGrid } from '../parts.js';
import { arrayTable, scalarTable, valueAt } from '../scalarTable.js';

/** `network`: neurons as a scatter, populations of the whole network, R^2 on demand (model.md §2, §9, §10). */
export const networkView: KindView = {
  label: 'network (maxent sample or maxent train)',
  render(target, opened, context) {
    const { file, totalNeurons, analysis } = opened.data as NetworkPayload;
    const grid = figureGrid();
    addFigure(grid, 'neuron scatter', () => withCompactLegend(neuronScatterFigure(file)));
    if (file.diagnostics !== undefined) {
      addFigure(grid, 'MCMC trace', () => mcmcTraceFigure(file));
      addFigure(grid, 'R-hat', () => mcmcRhatFigure(file));
      addFigure(grid, 'ESS', () => mcmcEssFigure(file));
    }
    target.append(grid);
    addTable(target, scalarTable('network-summary', 'Network', { ...file, neurons: totalNeurons, ...(analysis === null ? {} : { summary: analysis.summary }) }, [
      'nonlinearity',
      'neurons',
      'summary.specialization',
      'summary.specializationPrior',
      'summary.selectivity',
      'summary.selectivityNormalized',
      'training.optimizer',
      'training.steps',
      'training.finalLoss',
    ]));
    if (analysis !== null) {
      addTable(target, arrayTable('network-populations', 'Populations of the network (model.md §10)', analysis.populations, ['pattern', 'count', 'fraction', 'energyShare', 'selectivity'], 64));
    }
    const evaluation = element('div', { className: 'evaluation' });
    const button = element('button', { text: 'Evaluate R² (500 trials per context)', attributes: { type: 'button', 'data-action': 'evaluate' } });
    const stimulusStd = valueAt(file, 'config.stimulusStd');
    button.addEventListener('click', () => {
      button.disabled = true;
      evaluation.replaceChildren(messageBox('note', 'Evaluating in the worker…'));
      context.client
        .run('files', { type: 'evaluate', network: opened.id, stimulusStd: typeof stimulusStd === 'number' ? stimulusStd : 0.1, seed: 1 })
        .then((result) => {
          evaluation.replaceChildren();
          addFigure(evaluation, 'R²', () => evaluationR2Figure(result));
        })
        .catch((error: Error) => {
          if (!(error instanceof CancelledError)) evaluation.replaceChildren(messageBox('error', `Evaluation failed: ${error.message}`));
        })
        .finally(() => {
          button.disabled = false;
        });
    });
    target.append(element('div', { className: 'actions' }, [button]), evaluation);
  },
};
