import type { Diagnostic, Range } from '../source.js';
import { parseExpression } from '../syntax/parser.js';
import { formatType, isComplex, type Type } from '../types.js';
import { convert, ConversionError } from '../cty/convert.js';
import { toPlain } from '../cty/plain.js';
import { object, str, type Val } from '../cty/value.js';
import type { Value } from '../value.js';
import { closestName } from '../../shared/suggest.js';
import { constantValue } from './constant.js';
import { errorDiag, EvalError, fail } from './eval-error.js';
import { readVarFile } from './var-files.js';
import type { VariableDecl } from './variables.js';
import type { RootNamespace } from './scope.js';
import { validateValue } from './validation.js';

export type VariableInput = { kind: 'var'; name: string; value: string } | { kind: 'var-file'; path: string };

export interface DeclaredVariable {
  name: string;
  type?: string;
  default?: Value;
  description?: string;
  sensitive?: boolean;
  value: Value;
  range: Range;
}

export interface ValueSources {
  vars: readonly VariableInput[];
  env: Record<string, string | undefined>;
  baseDir: string;
  readFile: (path: string) => string;
}

/** One way a variable was set; value is undefined when it failed (and was reported). */
interface Assignment {
  value: Val | undefined;
  source: string;
}

/**
 * Gives every declared variable its value: `NOMAD_VAR_<name>` first, then `sources.vars` in the order
 * given (Nomad's order is every var file, then every `--var`), the last one winning, else the default. Supplying an undeclared variable is
 * an error, as in Nomad's strict mode (the environment excepted: it holds unrelated variables).
 */
export function resolveVariables(
  decls: ReadonlyMap<string, VariableDecl>,
  sources: ValueSources,
  diags: Diagnostic[],
): { namespace: RootNamespace; declared: DeclaredVariable[] } {
  const assigned = new Map<string, Assignment[]>();
  const assign = (decl: VariableDecl, value: Val | undefined, source: string, range: Range | undefined) => {
    const converted = value === undefined ? undefined : convertSupplied(decl, value, source, range, diags);
    const list = assigned.get(decl.name) ?? [];
    list.push({ value: converted, source });
    assigned.set(decl.name, list);
  };

  for (const decl of decls.values()) {
    const raw = sources.env[`NOMAD_VAR_${decl.name}`];
    if (raw !== undefined) assign(decl, rawValue(decl, raw, 'env', diags), `the NOMAD_VAR_${decl.name} environment variable`, undefined);
  }
  for (const input of sources.vars) {
    if (input.kind === 'var') {
      const decl = decls.get(input.name);
      if (decl) assign(decl, rawValue(decl, input.value, 'arguments', diags), '--var', undefined);
      else diags.push(undeclared(input.name, 'was passed with --var', undefined));
      continue;
    }
    for (const entry of readVarFile(input.path, sources.readFile, diags)) {
      const decl = decls.get(entry.name);
      if (decl) assign(decl, entry.value, `--var-file ${input.path}`, entry.valueRange);
      else diags.push(undeclared(entry.name, `was set in ${input.path}`, entry.range));
    }
  }

  const values = new Map<string, Val | undefined>();
  const declared: DeclaredVariable[] = [];
  for (const decl of decls.values()) {
    const { value, source } = finalValue(decl, assigned.get(decl.name), diags);
    if (value !== undefined) validateValue(decl, value, source, sources.baseDir, diags);
    values.set(decl.name, value);
    declared.push(describe(decl, value));
  }
  return { namespace: variableNamespace(values), declared };
}

function finalValue(decl: VariableDecl, assignments: Assignment[] | undefined, diags: Diagnostic[]): Assignment {
  const last = assignments?.[assignments.length - 1];
  if (last) return last;
  if (decl.default) return { value: 'failed' in decl.default ? undefined : decl.default.value, source: 'the default' };
  diags.push(
    errorDiag(
      `Required variable "${decl.name}" is not set`,
      `Set it with --var ${decl.name}=..., in a --var-file, or with the NOMAD_VAR_${decl.name} environment variable.`,
      decl.range,
    ),
  );
  return { value: undefined, source: '' };
}

function undeclared(name: string, how: string, range: Range | undefined): Diagnostic {
  return errorDiag(
    'Undefined variable',
    `A "${name}" variable ${how} but is not declared in the job file. To declare it, add a variable "${name}" {} block to the job file.`,
    range,
  );
}

/**
 * A `--var` or environment value is the raw string when the variable is a string or a number, or has no
 * type at all; otherwise (bool, collections, structures, `any`) it is HCL (`true`, `["a","b"]`,
 * `{ x = 1 }`), evaluated without any references, as Nomad reads it.
 */
function rawValue(decl: VariableDecl, raw: string, from: 'env' | 'arguments', diags: Diagnostic[]): Val | undefined {
  const type = variableType(decl);
  if (!type || type.kind === 'string' || type.kind === 'number') return str(raw);
  const parsed = parseExpression(`<value for var.${decl.name} from ${from}>`, raw);
  diags.push(...parsed.diagnostics);
  if (!parsed.expr || parsed.diagnostics.some((d) => d.severity === 'error')) return undefined;
  return constantValue(parsed.expr, diags);
}

/** The declared type, or without one the whole type of the default (a tuple for `["a"]`), as Nomad takes it. */
function variableType(decl: VariableDecl): Type | undefined {
  return decl.type ?? defaultOf(decl)?.type;
}

/** Converts to the declared type, or, without one, to the type of the default (as Nomad infers it). */
function convertSupplied(decl: VariableDecl, value: Val, source: string, range: Range | undefined, diags: Diagnostic[]): Val | undefined {
  const type = variableType(decl);
  if (!type) return value;
  try {
    return convert(value, type);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    diags.push(
      errorDiag(
        'Invalid value for variable',
        `The value for ${decl.name} from ${source} is not compatible with the variable's type constraint: ${err.message}.`,
        range,
      ),
    );
    return undefined;
  }
}

function defaultOf(decl: VariableDecl): Val | undefined {
  return decl.default && !('failed' in decl.default) ? decl.default.value : undefined;
}

function isStructured(v: Val | undefined): boolean {
  return v !== undefined && !v.isNull && isComplex(v.type);
}

function describe(decl: VariableDecl, value: Val | undefined): DeclaredVariable {
  const out: DeclaredVariable = { name: decl.name, value: value ? toPlain(value) : null, range: decl.range };
  if (decl.type) out.type = formatType(decl.type);
  const def = defaultOf(decl);
  if (def !== undefined) out.default = toPlain(def);
  if (decl.description !== undefined) out.description = decl.description;
  if (decl.sensitive !== undefined) out.sensitive = decl.sensitive;
  return out;
}

/** `var.x`: a variable that failed was reported already, so using it adds no new diagnostic. */
function variableNamespace(values: ReadonlyMap<string, Val | undefined>): RootNamespace {
  return {
    member(name, range) {
      if (!values.has(name)) {
        const suggestion = closestName(name, values.keys());
        const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
        fail('Reference to undeclared input variable', `An input variable with the name "${name}" has not been declared.${hint}`, range);
      }
      const v = values.get(name);
      if (v === undefined) throw new EvalError([]);
      return v;
    },
    whole() {
      const out: [string, Val][] = [];
      for (const [name, v] of values) {
        if (v === undefined) throw new EvalError([]);
        out.push([name, v]);
      }
      return object(out);
    },
  };
}
