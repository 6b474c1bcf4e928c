import { describe, expect, it } from 'vitest';
import { encodeWorkerError, InvalidInputError, ProblemHasNoAnswerError, rebuildWorkerError } from './index.js';

// What postMessage does to data between threads (and JSON to data between jobs).
const acrossThreads = <T>(value: T): T => structuredClone(value);
const acrossJobs = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('worker errors', () => {
  it('a cloned error loses its class: the reason the encoding exists', () => {
    const cloned = acrossThreads(new InvalidInputError('--x', 'invalid `--x`: bad'));
    expect(cloned).toBeInstanceOf(Error);
    expect(cloned).not.toBeInstanceOf(InvalidInputError);
  });

  it.each([acrossThreads, acrossJobs])('InvalidInputError keeps its class, field and message (%#)', (transport) => {
    const rebuilt = rebuildWorkerError(transport(encodeWorkerError(new InvalidInputError('--weight-scale', 'invalid `--weight-scale`: no'))));
    expect(rebuilt).toBeInstanceOf(InvalidInputError);
    expect((rebuilt as InvalidInputError).field).toBe('--weight-scale');
    expect(rebuilt.message).toBe('invalid `--weight-scale`: no');
  });

  it.each([acrossThreads, acrossJobs])('ProblemHasNoAnswerError keeps its class, reason and message (%#)', (transport) => {
    const rebuilt = rebuildWorkerError(transport(encodeWorkerError(new ProblemHasNoAnswerError('infeasible task: x', 'infeasible'))));
    expect(rebuilt).toBeInstanceOf(ProblemHasNoAnswerError);
    expect((rebuilt as ProblemHasNoAnswerError).reason).toBe('infeasible');
    expect(rebuilt.message).toBe('infeasible task: x');
  });

  it('any other error becomes a plain Error with message and stack; a thrown non-error its text', () => {
    const original = new TypeError('boom');
    const rebuilt = rebuildWorkerError(acrossJobs(encodeWorkerError(original)));
    expect(rebuilt.constructor).toBe(Error);
    expect(rebuilt.message).toBe('boom');
    expect(rebuilt.stack).toBe(original.stack);
    expect(rebuildWorkerError(encodeWorkerError('just text')).message).toBe('just text');
    expect(encodeWorkerError(42)).toEqual({ name: 'Error', message: '42', stack: undefined });
  });
});
