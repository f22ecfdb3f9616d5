import type { Diagnostic } from '../source.js';

/** `job "web" > group "g" > task "t" > config`, for messages. */
export function blockPath(parent: string, type: string, labels: readonly string[]): string {
  const own = [type, ...labels.map((l) => JSON.stringify(l))].join(' ');
  return parent ? `${parent} > ${own}` : own;
}

export function withPath(diags: readonly Diagnostic[], path: string): Diagnostic[] {
  return diags.map((d) => (d.path || !path ? d : { ...d, path }));
}
