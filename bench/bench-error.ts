/** A benchmark that cannot give its figures: a command failed, a budget ran out, or it was interrupted. */
export class BenchError extends Error {
  override name = 'BenchError';
}

/** What a section that stopped early reports as its `error`. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
