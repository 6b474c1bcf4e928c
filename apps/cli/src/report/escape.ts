/**
 * Text for HTML: the five characters with a meaning in markup become entities, so
 * whatever a result file holds is shown as text and never read as markup (safe in
 * element content and in double-quoted attributes).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
