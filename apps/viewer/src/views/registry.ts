// Which view shows which result kind. A kind added later registers its own view
// here (registerView), nothing else in the page changes.
import type { SweepFile } from '@maxent/figures';
import type { WorkerClient } from '../worker/client.js';
import type { OpenedFile } from '../worker/openFile.js';

export interface ViewContext {
  readonly client: WorkerClient;
  /** A sweep file was opened (or closed, null): the transitions panel overlays its points. */
  readonly overlaySweep: (sweep: SweepFile | null) => void;
}

export interface KindView {
  /** What the kind is, in words (shown above the file). */
  readonly label: string;
  /** Fills `target` with the file's figures, tables and notes. Throws only for a bug; a field the view cannot draw is a note. */
  render(target: HTMLElement, file: OpenedFile, context: ViewContext): void;
}

const views = new Map<string, KindView>();

export function registerView(kind: string, view: KindView): void {
  if (views.has(kind)) throw new Error(`a view for kind "${kind}" is already registered`);
  views.set(kind, view);
}

export function viewFor(kind: string): KindView | undefined {
  return views.get(kind);
}

export function registeredKinds(): string[] {
  return [...views.keys()];
}
