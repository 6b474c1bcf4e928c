// Small DOM helpers. Text always goes in through textContent: strings from
// files are shown, never interpreted as HTML (no innerHTML anywhere).

export interface ElementSettings {
  readonly className?: string;
  readonly text?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  settings: ElementSettings = {},
  children: readonly (Node | null)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (settings.className !== undefined) node.className = settings.className;
  if (settings.text !== undefined) node.textContent = settings.text;
  for (const [name, value] of Object.entries(settings.attributes ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

/** A message box in the page: `error` for what failed, `note` for what was reduced or left out. */
export function messageBox(kind: 'error' | 'note', text: string): HTMLElement {
  return element('p', { className: `message ${kind}`, text, attributes: { role: kind === 'error' ? 'alert' : 'status' } });
}

/** Saves `blob` under `name` through a temporary link. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = element('a', { attributes: { href: url, download: name } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
