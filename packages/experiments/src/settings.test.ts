import { describe, expect, it } from 'vitest';
import { configWithSettings, overlayConfig, settingValue, CONFIG_SETTINGS, TRAINING_SETTINGS, trainingWithSettings } from './index.js';

describe('overlayConfig', () => {
  it('sets each setting at its place in the config and leaves the input alone', () => {
    const raw = { task: { name: 'select', contexts: 3 }, context: { mean: 0, std: 1 } };
    const out = overlayConfig(raw, { contexts: 4, nonlinearity: 'tanh', weightScale: 0.5, stimulusStd: 0.2, contextMean: 0.5, contextStd: 2 });
    expect(out).toEqual({ task: { name: 'select', contexts: 4 }, context: { mean: 0.5, std: 2 }, nonlinearity: 'tanh', weightScale: 0.5, stimulusStd: 0.2 });
    expect(raw.task.contexts).toBe(3);
  });

  it('replaces a task matrix by the select task with as many contexts as rows, unless given', () => {
    const raw = { task: { matrix: [[1, 0], [0, 1], [1, 1]] } };
    expect(overlayConfig(raw, { task: 'select' }).task).toEqual({ name: 'select', contexts: 3 });
    expect(overlayConfig(raw, { contexts: 5 }).task).toEqual({ name: 'select', contexts: 5 });
  });

  it('drops task.stimuli for the select task only', () => {
    const raw = { task: { name: 'select-of', contexts: 4, stimuli: 2 } };
    expect(overlayConfig(raw, { contexts: 5 }).task).toEqual({ name: 'select-of', contexts: 5, stimuli: 2 });
    expect(overlayConfig(raw, { task: 'select' }).task).toEqual({ name: 'select', contexts: 4 });
  });

  it("keeps the estimator's settings when its kind stays, drops them when it changes", () => {
    const raw = { estimator: { kind: 'montecarlo', samples: 1000, seed: 3 } };
    expect(overlayConfig(raw, { estimator: 'montecarlo' }).estimator).toEqual(raw.estimator);
    expect(overlayConfig(raw, { estimator: 'exact' }).estimator).toEqual({ kind: 'exact' });
  });

  it('every config setting has a distinct path and flag; the flag is the setting in kebab case', () => {
    const spellings = Object.entries(CONFIG_SETTINGS);
    expect(new Set(spellings.map(([, s]) => s.path)).size).toBe(spellings.length);
    for (const [setting, { flag }] of spellings) expect(flag).toBe(`--${setting.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  });
});

describe('configWithSettings', () => {
  it('validates with defaults filled in', () => {
    const config = configWithSettings({}, { contexts: 2, weightScale: 0.5 });
    expect(config).toMatchObject({ task: { name: 'select', contexts: 2 }, weightScale: 0.5, nonlinearity: 'relu' });
  });

  it('names the flag of a rejected setting, or where the rest came from', () => {
    expect(() => configWithSettings({}, { weightScale: -1 })).toThrow(
      'invalid `weightScale`: must be a positive finite number, got -1 (from --weight-scale)',
    );
    expect(() => configWithSettings({ weightScale: -1 }, { contexts: 2 }, 'in c.json')).toThrow(/got -1 \(in c\.json\)$/);
    expect(() => configWithSettings({}, { contextStd: 0 })).toThrow(/invalid `context.std`: .* \(from --context-std\)$/);
  });
});

describe('settingValue and trainingWithSettings', () => {
  it('reads numbers, keeps names, and refuses text that is no number naming the flag', () => {
    expect(settingValue('0.5', CONFIG_SETTINGS.weightScale)).toBe(0.5);
    expect(settingValue('adam', TRAINING_SETTINGS.optimizer)).toBe('adam');
    expect(() => settingValue('many', TRAINING_SETTINGS.steps)).toThrow('invalid `--steps`: must be an integer, got "many"');
    expect(() => settingValue(' ', CONFIG_SETTINGS.weightScale)).toThrow('invalid `--weight-scale`: must be a finite number, got " "');
  });

  it('lays values over a base and names the flag of a rejected value', () => {
    const training = trainingWithSettings({ neurons: 1000 }, { steps: 20, learningRate: 0.1 });
    expect(training).toMatchObject({ neurons: 1000, steps: 20, learningRate: 0.1, optimizer: 'adam' });
    expect(() => trainingWithSettings({}, { steps: 1.5 })).toThrow(/invalid `steps`: must be an integer >= 1, got 1.5 \(from --steps\)/);
    expect(() => trainingWithSettings({}, { learningRate: -1 })).toThrow(/\(from --lr\)$/);
  });
});
