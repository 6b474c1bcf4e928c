// The views of every result kind in interfaces.md, registered once at start-up.
import { registerView } from './registry.js';
import { analysisView } from './kinds/analysisView.js';
import { evaluationView } from './kinds/evaluationView.js';
import { LOWRANK_KINDS, lowrankView } from './kinds/lowrankViews.js';
import { networkView } from './kinds/networkView.js';
import { rnnSweepView, rnnTrainingView } from './kinds/rnnViews.js';
import { solutionView } from './kinds/solutionView.js';
import { sweepView } from './kinds/sweepView.js';
import { weightMatrixView, weightMetricsView } from './kinds/weightViews.js';

let registered = false;

export function registerBuiltinViews(): void {
  if (registered) return;
  registered = true;
  registerView('maxent-solution', solutionView);
  registerView('network', networkView);
  registerView('evaluation', evaluationView);
  registerView('analysis', analysisView);
  registerView('sweep', sweepView);
  registerView('weight-metrics', weightMetricsView);
  registerView('weight-matrix', weightMatrixView);
  registerView('rnn-training', rnnTrainingView);
  registerView('rnn-sweep', rnnSweepView);
  for (const kind of LOWRANK_KINDS) registerView(kind, lowrankView(kind));
}
