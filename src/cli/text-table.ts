/**
 * A plain text table for terminal reports: the first column left-aligned, the others
 * right-aligned, two spaces between columns, each line indented by `indent`.
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]): string =>
    indent + row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return all.map(line).join('\n') + '\n';
}
