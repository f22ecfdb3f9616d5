import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../source.js';
import type { Block, File } from '../syntax/ast.js';
import { errorDiag, rangeString } from './eval-error.js';
import type { EvaluatedBlock } from './evaluated.js';
import { evaluateBlock } from './body.js';
import { Locals } from './locals.js';
import { checkLabels, defRange, unexpected } from './schema.js';
import { Scope } from './scope.js';
import { Budget } from './budget.js';
import { resolveVariables, type DeclaredVariable, type VariableInput } from './variable-values.js';
import { declareVariables } from './variables.js';

export type { DeclaredVariable, VariableInput } from './variable-values.js';

export interface EvaluateOptions {
  /** in command-line order; later ones win */
  vars: VariableInput[];
  /** for NOMAD_VAR_<name> (lowest precedence) */
  env: Record<string, string | undefined>;
  /** job file directory, for file functions */
  baseDir: string;
  allowFS: boolean;
  /** defaults to fs.readFileSync utf8; used for var files */
  readFile?: (path: string) => string;
}

const TOP_LEVEL = ['job', 'variable', 'variables', 'locals'];

/**
 * Evaluates a parsed job file as Nomad's jobspec2 does: variables, locals, then the one `job`
 * block, fully evaluated but still positioned. Every problem found is returned, not only the first;
 * `job` is returned whenever there is a job block, even when some of it failed.
 */
export function evaluateJobFile(
  file: File,
  opts: EvaluateOptions,
): { job?: EvaluatedBlock; variables: DeclaredVariable[]; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const variableBlocks: Block[] = [];
  const localsBlocks: Block[] = [];
  const jobBlocks: Block[] = [];
  for (const item of file.body.items) {
    if (item.kind === 'Attribute') {
      diags.push(unexpected('argument', item.name, item.nameRange, []));
      continue;
    }
    switch (item.type) {
      case 'variable':
        if (checkLabels(item, ['name'], diags)) variableBlocks.push(item);
        break;
      case 'variables':
        if (checkLabels(item, [], diags)) variableBlocks.push(item);
        break;
      case 'locals':
        if (checkLabels(item, [], diags)) localsBlocks.push(item);
        break;
      case 'job':
        if (checkLabels(item, ['name'], diags)) jobBlocks.push(item);
        break;
      default:
        diags.push(unexpected('block', item.type, item.typeRange, TOP_LEVEL));
    }
  }

  const decls = declareVariables(variableBlocks, diags);
  const locals = new Locals(localsBlocks, diags);
  const readFile = opts.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const variables = resolveVariables(decls, { vars: opts.vars, env: opts.env, baseDir: opts.baseDir, readFile }, diags);

  const scope = new Scope({
    roots: new Map([
      ['var', variables.namespace],
      ['local', locals],
    ]),
    runtimeSource: file.source,
    functions: { baseDir: opts.baseDir, allowFS: opts.allowFS },
    budget: new Budget(),
  });
  locals.evaluateAll(scope);

  const [jobBlock, ...extra] = jobBlocks;
  for (const dup of extra) {
    diags.push(
      errorDiag(
        'Duplicate job block',
        `Only one block of type "job" is allowed. Previous definition was at ${rangeString(defRange(jobBlock!))}.`,
        defRange(dup),
      ),
    );
  }
  if (!jobBlock && !file.body.items.some((i) => i.kind === 'Block' && i.type === 'job')) {
    diags.push(errorDiag('Missing job block', 'A job block is required', file.body.range));
  }
  const job = jobBlock ? evaluateBlock(jobBlock, scope, '', diags) : undefined;
  return { job, variables: variables.declared, diagnostics: dedupe(diags) };
}

/** The same problem reached twice (a `for` over many elements, say) is reported once. */
function dedupe(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const r = d.range;
    const key = [d.severity, d.summary, d.detail, r?.filename, r?.start.offset, r?.end.offset, d.path].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
