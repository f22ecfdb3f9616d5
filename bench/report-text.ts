/** The report as text for a terminal: one table per section, its columns aligned across the whole report. */
import type { Figure, Report, Target, Unit } from './report.js';

const HEADINGS = ['figure', 'median', 'runs', 'baseline', 'baseline median', 'ratio', 'target', 'verdict'] as const;
/** Right-aligned: the numbers. */
const RIGHT = new Set<number>([1, 2, 4, 5]);

export function renderText(report: Report): string {
  const rows = report.sections.flatMap((s) => s.figures.map(cells));
  const widths = HEADINGS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (row: readonly string[]): string =>
    `  ${row.map((cell, i) => (RIGHT.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd();

  const load = report.load_average.map((n) => n.toFixed(2)).join(' ');
  const out = [
    `pot-nomad benchmark: node ${report.node}, ${report.platform} ${report.arch}, ${report.cpus} CPUs, load ${load} at start`,
    `${report.started_at}, took ${(report.duration_ms / 1000).toFixed(0)} s`,
  ];
  for (const section of report.sections) {
    out.push('', section.title, `  ${section.about}`);
    if (section.error !== undefined) out.push(`  FAILED: ${section.error.replace(/\n/g, '\n    ')}`);
    if (section.figures.length === 0) continue;
    out.push(line(HEADINGS));
    for (const f of section.figures) {
      out.push(line(cells(f)));
      if (f.note !== undefined) out.push(`      ${f.note}`);
    }
  }
  const judged = report.sections.flatMap((s) => s.figures).filter((f) => f.verdict !== null);
  const missed = judged.filter((f) => f.verdict === 'MISSED').map((f) => f.name);
  out.push('', `targets: ${judged.length - missed.length} met, ${missed.length} MISSED${missed.length > 0 ? ` (${missed.join('; ')})` : ''}`);
  return `${out.join('\n')}\n`;
}

function cells(f: Figure): string[] {
  return [
    f.name,
    value(f.median, f.unit),
    String(f.runs),
    f.baseline ?? '-',
    f.baseline_median === null ? '-' : value(f.baseline_median, f.unit),
    f.ratio === null ? '-' : f.ratio.toFixed(2),
    f.target === undefined ? '' : targetText(f.target, f.unit),
    f.target === undefined ? '' : (f.verdict ?? 'not judged'),
  ];
}

function value(n: number, unit: Unit): string {
  return `${n.toFixed(2)} ${unit}`;
}

function targetText(t: Target, unit: Unit): string {
  return t.of === 'ratio' ? `ratio ${t.op} ${t.value}` : `${t.op} ${t.value} ${unit}`;
}
