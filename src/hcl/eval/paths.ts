import type { Diagnostic } from '../source.js';

/** `job "web" > group "g" > task "t" > config`, for messages. */
export function blockPath(parent: string, type: string, labels: readonly string[]): string {
  // Labels are quoted as written, without escapes, as every block path in messages shows them.
  const own = [type, ...labels.map((l) => `"${l}"`)].join(' ');
  return parent ? `${parent} > ${own}` : own;
}

export function withPath(diags: readonly Diagnostic[], path: string): Diagnostic[] {
  return diags.map((d) => (d.path || !path ? d : { ...d, path }));
}
