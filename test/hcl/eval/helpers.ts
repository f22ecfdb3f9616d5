import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../src/hcl/source.js';
import { parseFile } from '../../../src/hcl/syntax/parser.js';
import type { Value } from '../../../src/hcl/value.js';
import type { EvaluatedAttribute, EvaluatedBlock, EvaluatedBody } from '../../../src/hcl/eval/evaluated.js';
import { evaluateJobFile, type EvaluateOptions } from '../../../src/hcl/eval/job-file.js';

export type Result = ReturnType<typeof evaluateJobFile>;

export function run(source: string, opts: Partial<EvaluateOptions> = {}): Result {
  const parsed = parseFile('job.hcl', source);
  assert.deepEqual(parsed.diagnostics, [], 'the test source must parse');
  return evaluateJobFile(parsed.file, { vars: [], env: {}, baseDir: '/nonexistent', allowFS: false, ...opts });
}

/** Plain JSON data, so that null-prototype objects compare equal to object literals. */
export function plain(v: Value | undefined): unknown {
  return v === undefined ? undefined : JSON.parse(JSON.stringify(v));
}

/** The value of `x = <expr>` inside a job, after `prelude` (variables, locals); no diagnostics allowed. */
export function valueOf(expr: string, prelude = '', opts: Partial<EvaluateOptions> = {}): unknown {
  const r = run(`${prelude}\njob "j" {\n  x = ${expr}\n}\n`, opts);
  assert.deepEqual(messages(r.diagnostics), []);
  return plain(attr(r.job!.body, 'x').value);
}

/** The diagnostics of evaluating `x = <expr>`, as `line:col: summary; detail` with the expr on line 2. */
export function errorsOf(expr: string, prelude = ''): string[] {
  return messages(run(`${prelude}\njob "j" {\n  x = ${expr}\n}\n`).diagnostics);
}

export function messages(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => {
    const at = d.range ? `${d.range.filename === 'job.hcl' ? '' : `${d.range.filename}:`}${d.range.start.line}:${d.range.start.column}: ` : '';
    return `${at}${d.summary}${d.detail ? `; ${d.detail}` : ''}`;
  });
}

export function attr(body: EvaluatedBody, name: string): EvaluatedAttribute {
  const found = body.items.find((i): i is EvaluatedAttribute => i.kind === 'Attribute' && i.name === name);
  assert.ok(found, `attribute ${name}`);
  return found;
}

export function blocks(body: EvaluatedBody, type: string): EvaluatedBlock[] {
  return body.items.filter((i): i is EvaluatedBlock => i.kind === 'Block' && i.type === type);
}

/** Attribute values of a body as plain data, in order. */
export function attrs(body: EvaluatedBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const i of body.items) if (i.kind === 'Attribute') out[i.name] = plain(i.value);
  return out;
}
