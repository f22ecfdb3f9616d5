/** The report as one JSON document, for comparing runs and machines with other tools. */
import type { Report } from './report.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
