/**
 * A plain-text table for stdout: columns as wide as their widest cell, two spaces
 * apart; the first column left-aligned (labels, patterns) and the rest
 * right-aligned (numbers), unless `firstColumnLeft` is false. Returns the lines
 * (header first), each prefixed with `indent`.
 */
export function tableLines(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  { indent = '', firstColumnLeft = true }: { indent?: string; firstColumnLeft?: boolean } = {},
): string[] {
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
  const line = (cells: readonly string[]) =>
    indent + cells.map((cell, c) => (c === 0 && firstColumnLeft ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), ...rows.map(line)];
}
