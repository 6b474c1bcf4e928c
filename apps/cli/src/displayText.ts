/**
 * Text as it may be shown on a terminal: control characters (C0 but newline and
 * tab, DEL, C1) become `\u` escapes, so a file name or config key holding
 * terminal escape sequences is echoed, not obeyed (issue 17, class 5). JSON text
 * keeps its meaning: these characters occur in it only inside strings, where the
 * escape stands for the same character.
 */
export function displayText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
