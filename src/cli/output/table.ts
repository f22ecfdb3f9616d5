/**
 * Column tables and `Key = value` blocks in the layout Nomad's CLI prints: columns left-aligned and two
 * spaces apart, keys padded so the `=` signs line up. No trailing spaces, so output diffs cleanly.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  return all.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ').trimEnd()).join('\n');
}

export function renderFields(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...fields.map(([key]) => key.length));
  return fields.map(([key, value]) => `${key.padEnd(width)} = ${value}`.trimEnd()).join('\n');
}
