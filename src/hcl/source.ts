/** Where something is in a job file. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface Pos {
  line: number;
  column: number;
  /** 0-based offset into the file's text. */
  offset: number;
}

export interface Range {
  filename: string;
  start: Pos;
  end: Pos;
}

export type Severity = 'error' | 'warning';

/**
 * One problem found in a job file, in the shape HCL itself reports them:
 * a one-line summary, an optional detail sentence, and where it is.
 */
export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail?: string;
  range?: Range;
  /** Block path such as `job "example" > group "g" > task "t" > config`, when known. */
  path?: string;
}

/** Thrown when a job file cannot be loaded; carries every diagnostic found, not only the first. */
export class JobFileError extends Error {
  readonly diagnostics: Diagnostic[];
  /** File texts by name, so diagnostics can be shown with their source lines (stdin has no file to re-read). */
  readonly sources: ReadonlyMap<string, string>;
  constructor(diagnostics: Diagnostic[], sources: ReadonlyMap<string, string> = new Map()) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'JobFileError';
    this.diagnostics = diagnostics;
    this.sources = sources;
  }
}

export function formatRange(range: Range): string {
  return `${range.filename}:${range.start.line}:${range.start.column}`;
}

/** `file:line:col: summary; detail` — one line per diagnostic, like HCL's own CLI output. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.range ? `${formatRange(d.range)}: ` : '';
  const path = d.path ? ` (in ${d.path})` : '';
  const detail = d.detail ? `; ${d.detail}` : '';
  return `${where}${d.summary}${detail}${path}`;
}
