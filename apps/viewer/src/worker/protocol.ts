// Messages between the page and its Web Worker. Every request carries an id;
// the worker answers with progress messages and one final message of that id.
import type { WorkerError } from '@maxent/core';
import type { EvaluationFile, SweepFile } from '@maxent/figures';
import type { ViewerState } from '../state/viewerState.js';
import type { ExploreProgress, ExploreResult } from './explore.js';
import type { MatrixPayload, OpenedFile } from './openFile.js';

export type WorkerRequest =
  | { readonly id: number; readonly type: 'explore'; readonly state: ViewerState }
  | { readonly id: number; readonly type: 'transitions'; readonly state: ViewerState }
  | { readonly id: number; readonly type: 'open'; readonly name: string; readonly bytes: ArrayBuffer }
  /** The weight matrix of an opened weight-metrics file, ordered by its communities. */
  | { readonly id: number; readonly type: 'matrix'; readonly name: string; readonly bytes: ArrayBuffer; readonly communities: readonly number[] | null }
  /** R^2 of an opened network (by the id of its open request), model.md §9. */
  | { readonly id: number; readonly type: 'evaluate'; readonly network: number; readonly stimulusStd: number; readonly seed: number };

export interface WorkerResults {
  explore: ExploreResult;
  transitions: SweepFile;
  open: OpenedFile;
  matrix: MatrixPayload;
  evaluate: EvaluationFile;
}

export type WorkerResponse =
  | { readonly id: number; readonly type: 'progress'; readonly progress: ExploreProgress | { done: number; total: number } }
  | { readonly id: number; readonly type: 'done'; readonly result: WorkerResults[keyof WorkerResults] }
  | { readonly id: number; readonly type: 'failed'; readonly error: WorkerError };
