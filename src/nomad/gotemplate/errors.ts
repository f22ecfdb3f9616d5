/** A problem in a Go template, at a 1-based line and column of its text when known. */
export class GoTemplateError extends Error {
  constructor(
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? detail : `${line}:${column ?? 1}: ${detail}`);
    this.name = 'GoTemplateError';
  }
}

export interface Position {
  line: number;
  column: number;
}

export function templateError(detail: string, at?: Position): GoTemplateError {
  return new GoTemplateError(detail, at?.line, at?.column);
}
