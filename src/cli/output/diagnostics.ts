import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../hcl/source.js';
import type { Painter } from './style.js';

/**
 * Renders diagnostics for a person: the message with file:line:column, the block path, and the source
 * line with the offending span underlined. `sources` maps file names to their text.
 */
export function renderDiagnostics(diags: readonly Diagnostic[], sources: ReadonlyMap<string, string>, paint: Painter): string {
  return diags.map((d) => renderOne(d, sources, paint)).join('\n');
}

function renderOne(d: Diagnostic, sources: ReadonlyMap<string, string>, paint: Painter): string {
  const label = d.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
  const lines = [`${label}: ${paint('bold', d.summary)}`];
  if (d.range) {
    const where = `${d.range.filename}:${d.range.start.line}:${d.range.start.column}`;
    lines.push(`  ${paint('cyan', '-->')} ${where}${d.path ? ` (${d.path})` : ''}`);
    const excerpt = sourceExcerpt(d, sources.get(d.range.filename) ?? readQuietly(d.range.filename), paint);
    if (excerpt) lines.push(excerpt);
  } else if (d.path) {
    lines.push(`  ${paint('cyan', '-->')} ${d.path}`);
  }
  if (d.detail) lines.push(...d.detail.split('\n').map((l) => (l ? `  ${l}` : '')));
  return lines.join('\n');
}

function sourceExcerpt(d: Diagnostic, source: string | undefined, paint: Painter): string | undefined {
  if (!source || !d.range) return undefined;
  const { start, end } = d.range;
  const text = source.split('\n')[start.line - 1];
  if (text === undefined) return undefined;
  const num = String(start.line);
  const pad = ' '.repeat(num.length);
  const lastCol = end.line === start.line ? Math.max(end.column, start.column + 1) : text.length + 1;
  const marker = ' '.repeat(Math.max(0, start.column - 1)) + '^'.repeat(Math.max(1, lastCol - start.column));
  return [`  ${pad} ${paint('cyan', '|')}`, `  ${paint('cyan', `${num} |`)} ${text.replace(/\t/g, ' ')}`, `  ${pad} ${paint('cyan', '|')} ${paint('red', marker)}`].join('\n');
}

/** Diagnostics as plain data for `-o json`. */
export function diagnosticsJson(diags: readonly Diagnostic[]): object[] {
  return diags.map((d) => ({
    severity: d.severity,
    summary: d.summary,
    ...(d.detail ? { detail: d.detail } : {}),
    ...(d.range ? { file: d.range.filename, line: d.range.start.line, column: d.range.start.column } : {}),
    ...(d.path ? { path: d.path } : {}),
  }));
}

function readQuietly(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
