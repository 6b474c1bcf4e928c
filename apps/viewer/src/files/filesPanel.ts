// Opening files: drag-and-drop anywhere on the page or the picker. Each file is
// read and parsed in the worker and shown by the view registered for its kind;
// what cannot be shown says why in the page.
import { element, messageBox } from '../ui/dom.js';
import { registeredKinds, viewFor, type ViewContext } from '../views/registry.js';
import { CancelledError } from '../worker/client.js';
import type { OpenedFile } from '../worker/openFile.js';

export interface FilesPanel {
  readonly root: HTMLElement;
  open(files: readonly File[]): Promise<void>;
}

/** The in-page message for a file of a kind no view is registered for. */
export function unknownKindMessage(name: string, kind: string): string {
  return `${name} is of kind ${JSON.stringify(kind)}, which this viewer does not know. Known kinds: ${registeredKinds().join(', ')}.`;
}

export function createFilesPanel(context: ViewContext): FilesPanel {
  const input = element('input', { attributes: { type: 'file', multiple: '', accept: '.json,.npy,application/json', 'data-action': 'open-files' } });
  const list = element('div', { className: 'opened-files' });
  const zone = element('div', { className: 'drop-zone', attributes: { 'data-drop': '' } }, [
    element('p', { text: 'Drop result files here (any kind the maxent command writes, or a weight matrix as .npy or JSON), or choose them: ' }),
    input,
  ]);
  const root = element('section', { className: 'files', attributes: { id: 'files', 'aria-label': 'open files' } }, [
    element('h2', { text: 'Open a file' }),
    zone,
    list,
  ]);

  const showFile = (opened: OpenedFile, box: HTMLElement) => {
    const view = viewFor(opened.kind);
    box.dataset.kind = opened.kind;
    const body = element('div', { className: 'file-body' });
    const heading = box.querySelector('.file-kind');
    if (view === undefined) {
      box.dataset.state = 'unknown-kind';
      body.append(messageBox('error', unknownKindMessage(opened.name, opened.kind)));
    } else {
      box.dataset.state = 'shown';
      if (heading !== null) heading.textContent = view.label;
      for (const note of opened.notes) body.append(messageBox('note', note));
      try {
        view.render(body, opened, context);
      } catch (error) {
        body.append(messageBox('error', `This ${opened.kind} file could not be shown: ${(error as Error).message}`));
      }
      const config = (opened.data as { config?: unknown } | null)?.config;
      if (config !== undefined && opened.kind !== 'network') {
        body.append(element('details', { className: 'config' }, [element('summary', { text: 'config' }), element('pre', { text: JSON.stringify(config, null, 2) })]));
      }
    }
    box.append(body);
  };

  const openOne = async (file: File) => {
    const close = element('button', { text: 'close', attributes: { type: 'button', 'aria-label': `close ${file.name}` } });
    const box = element('article', { className: 'opened-file', attributes: { 'data-state': 'reading' } }, [
      element('header', {}, [element('h3', { text: file.name }), element('span', { className: 'file-kind', text: 'reading in the worker…' }), close]),
    ]);
    box.dataset.name = file.name;
    close.addEventListener('click', () => {
      if (box.dataset.kind === 'sweep') context.overlaySweep(null);
      box.remove();
    });
    list.prepend(box);
    const started = performance.now();
    try {
      const opened = await context.client.run('files', { type: 'open', name: file.name, bytes: await file.arrayBuffer() });
      showFile(opened, box);
      requestAnimationFrame(() => {
        box.dataset.openMs = (performance.now() - started).toFixed(1);
      });
    } catch (error) {
      if (error instanceof CancelledError) return;
      box.dataset.state = 'failed';
      const heading = box.querySelector('.file-kind');
      if (heading !== null) heading.textContent = 'not shown';
      box.append(messageBox('error', `${file.name} could not be opened: ${(error as Error).message}`));
    }
  };

  const open = async (files: readonly File[]) => {
    await Promise.all(files.map(openOne));
  };
  input.addEventListener('change', () => {
    void open([...(input.files ?? [])]).then(() => {
      input.value = '';
    });
  });
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    const dropped = [...(event.dataTransfer?.files ?? [])];
    if (dropped.length > 0) void open(dropped);
  });
  return { root, open };
}
