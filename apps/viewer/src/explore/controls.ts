// The explore view's controls. They show a ViewerState and report the state the
// user makes; `dragging` says whether a slider is still moving (the page
// replaces the history entry while it moves and adds one when it starts).
import { NONLINEARITY_NAMES } from '@maxent/constraints';
import { element, messageBox } from '../ui/dom.js';
import { formatMatrixText, parseMatrixText } from '../state/matrixText.js';
import { LIMITS, TASK_KINDS, type ViewerState } from '../state/viewerState.js';

export interface Controls {
  readonly root: HTMLElement;
  show(state: ViewerState): void;
}

export type ChangeKind = 'start' | 'move' | 'commit';

/** sigma from the slider's log10 value, kept to 4 significant digits so links stay readable. */
export function weightScaleOfSlider(value: number): number {
  return Number((10 ** value).toPrecision(4));
}

export function createControls(onChange: (state: ViewerState, change: ChangeKind) => void): Controls {
  let state: ViewerState | null = null;
  let moving = false;
  const emit = (next: ViewerState, change: 'input' | 'change') => {
    state = next;
    if (change === 'input') {
      onChange(next, moving ? 'move' : 'start');
      moving = true;
    } else {
      const wasMoving = moving;
      moving = false;
      onChange(next, wasMoving ? 'move' : 'commit');
    }
  };
  const field = (label: string, input: HTMLElement, output: HTMLElement | null = null, name = '') =>
    element('label', { className: 'control', attributes: name === '' ? {} : { 'data-control': name } }, [element('span', { text: label }), input, output]);

  const task = element('select', { attributes: { name: 'task' } }, TASK_KINDS.map((kind) => element('option', { text: kind, attributes: { value: kind } })));
  const contexts = element('input', { attributes: { type: 'range', name: 'contexts', min: String(LIMITS.contexts.min), max: String(LIMITS.contexts.max), step: '1' } });
  const contextsOut = element('output');
  const stimuli = element('input', { attributes: { type: 'range', name: 'stimuli', min: String(LIMITS.stimuli.min), max: String(LIMITS.stimuli.max), step: '1' } });
  const stimuliOut = element('output');
  const matrix = element('textarea', { attributes: { name: 'matrix', rows: '3', spellcheck: 'false', placeholder: '1 0; 0 1' } });
  const matrixProblem = element('div');
  const { min, max, step } = LIMITS.logWeightScale;
  const sigma = element('input', { attributes: { type: 'range', name: 'sigma', min: String(min), max: String(max), step: String(step) } });
  const sigmaOut = element('output');
  const phi = element('select', { attributes: { name: 'nonlinearity' } }, NONLINEARITY_NAMES.map((name) => element('option', { text: name, attributes: { value: name } })));
  const mean = element('input', { attributes: { type: 'number', name: 'contextMean', step: '0.1', min: String(LIMITS.contextMean.min), max: String(LIMITS.contextMean.max) } });
  const std = element('input', { attributes: { type: 'number', name: 'contextStd', step: '0.1', min: String(LIMITS.contextStd.min), max: String(LIMITS.contextStd.max) } });
  const neurons = element('input', { attributes: { type: 'number', name: 'neurons', step: '100', min: String(LIMITS.neurons.min), max: String(LIMITS.neurons.max) } });
  const seed = element('input', { attributes: { type: 'number', name: 'seed', step: '1', min: '0' } });

  const kRow = field('contexts K', contexts, contextsOut, 'contexts');
  const pRow = field('stimuli P', stimuli, stimuliOut, 'stimuli');
  const matrixRow = field('task matrix A (rows by ";")', matrix, null, 'matrix');
  const numberIn = (input: HTMLInputElement, lo: number, hi: number, integer: boolean): number | null => {
    const value = Number(input.value);
    const ok = input.value.trim() !== '' && Number.isFinite(value) && value >= lo && value <= hi && (!integer || Number.isInteger(value));
    input.setCustomValidity(ok ? '' : `must be ${integer ? 'an integer' : 'a number'} from ${lo} to ${hi}`);
    input.reportValidity();
    return ok ? value : null;
  };

  task.addEventListener('change', () => state !== null && emit({ ...state, task: task.value as ViewerState['task'] }, 'change'));
  for (const [input, kind] of [[contexts, 'input'], [contexts, 'change']] as const) {
    input.addEventListener(kind, () => {
      if (state === null) return;
      const K = Number(contexts.value);
      emit({ ...state, contexts: K, stimuli: Math.min(state.stimuli, K) }, kind);
    });
  }
  for (const kind of ['input', 'change'] as const) {
    stimuli.addEventListener(kind, () => state !== null && emit({ ...state, stimuli: Math.min(Number(stimuli.value), state.contexts) }, kind));
    sigma.addEventListener(kind, () => state !== null && emit({ ...state, weightScale: weightScaleOfSlider(Number(sigma.value)) }, kind));
  }
  matrix.addEventListener('change', () => {
    if (state === null) return;
    matrixProblem.replaceChildren();
    try {
      emit({ ...state, matrix: parseMatrixText(matrix.value) }, 'change');
    } catch (error) {
      matrixProblem.append(messageBox('error', (error as Error).message));
    }
  });
  phi.addEventListener('change', () => state !== null && emit({ ...state, nonlinearity: phi.value as ViewerState['nonlinearity'] }, 'change'));
  mean.addEventListener('change', () => {
    const value = numberIn(mean, LIMITS.contextMean.min, LIMITS.contextMean.max, false);
    if (state !== null && value !== null) emit({ ...state, contextMean: value }, 'change');
  });
  std.addEventListener('change', () => {
    const value = numberIn(std, LIMITS.contextStd.min, LIMITS.contextStd.max, false);
    if (state !== null && value !== null) emit({ ...state, contextStd: value }, 'change');
  });
  neurons.addEventListener('change', () => {
    const value = numberIn(neurons, LIMITS.neurons.min, LIMITS.neurons.max, true);
    if (state !== null && value !== null) emit({ ...state, neurons: value }, 'change');
  });
  seed.addEventListener('change', () => {
    const value = numberIn(seed, 0, 2 ** 31 - 1, true);
    if (state !== null && value !== null) emit({ ...state, seed: value }, 'change');
  });

  const root = element('form', { className: 'controls', attributes: { 'aria-label': 'settings' } }, [
    field('task', task, null, 'task'),
    kRow,
    pRow,
    matrixRow,
    matrixProblem,
    field('weight scale σ (log)', sigma, sigmaOut, 'sigma'),
    field('nonlinearity φ', phi, null, 'nonlinearity'),
    field('context prior mean μᵥ', mean, null, 'contextMean'),
    field('context prior std σᵥ', std, null, 'contextStd'),
    field('neurons drawn N', neurons, null, 'neurons'),
    field('seed', seed, null, 'seed'),
  ]);
  root.addEventListener('submit', (event) => event.preventDefault());

  return {
    root,
    show(next) {
      state = next;
      task.value = next.task;
      contexts.value = String(next.contexts);
      contextsOut.textContent = String(next.contexts);
      stimuli.max = String(next.contexts);
      stimuli.value = String(next.stimuli);
      stimuliOut.textContent = String(next.stimuli);
      if (document.activeElement !== matrix) matrix.value = formatMatrixText(next.matrix, '; ', ' ');
      sigma.value = String(Math.log10(next.weightScale));
      sigmaOut.textContent = `σ = ${next.weightScale}`;
      phi.value = next.nonlinearity;
      mean.value = String(next.contextMean);
      std.value = String(next.contextStd);
      neurons.value = String(next.neurons);
      seed.value = String(next.seed);
      kRow.hidden = next.task === 'matrix';
      pRow.hidden = next.task !== 'select-of';
      matrixRow.hidden = next.task !== 'matrix';
    },
  };
}
