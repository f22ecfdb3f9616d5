import type { Diagnostic, Range } from '../source.js';
import { parseFile } from '../syntax/parser.js';
import { fromPlain } from '../cty/plain.js';
import type { Val } from '../cty/value.js';
import { constantValue } from './constant.js';
import { errorDiag } from './eval-error.js';
import { parseJsonMembers } from './json-values.js';

/** One `name = value` from a var file; value is undefined when it failed (and was reported). */
export interface VarFileEntry {
  name: string;
  value: Val | undefined;
  range: Range;
  valueRange: Range;
}

/**
 * Reads a `--var-file`: JSON when the name ends in `.json`, otherwise HCL holding only attributes.
 * Values are constants, and every position refers to the var file itself.
 */
export function readVarFile(path: string, readFile: (path: string) => string, diags: Diagnostic[]): VarFileEntry[] {
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : err instanceof Error ? err.message : String(err);
    diags.push(errorDiag('Failed to read file', `Cannot read the var file "${path}": ${reason}.`, undefined));
    return [];
  }
  if (path.endsWith('.json')) {
    return parseJsonMembers(path, text, diags).map((m) => ({ name: m.name, value: fromPlain(m.value), range: m.range, valueRange: m.valueRange }));
  }
  const parsed = parseFile(path, text);
  diags.push(...parsed.diagnostics);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return [];
  const entries: VarFileEntry[] = [];
  for (const item of parsed.file.body.items) {
    if (item.kind === 'Attribute') {
      entries.push({ name: item.name, value: constantValue(item.expr, diags), range: item.range, valueRange: item.expr.range });
    } else if (item.type === 'variable') {
      const name = item.labels[0] ?? '';
      diags.push(
        errorDiag(
          'Variable declaration in a .var file',
          `A var file is used to assign values to variables that have already been declared in the job file, not to declare new variables. To declare variable "${name}", place this block in the job file.\n\nTo set a value for this variable in ${path}, use the definition syntax instead:\n    ${name} = <value>`,
          item.typeRange,
        ),
      );
    } else {
      diags.push(errorDiag(`Unexpected "${item.type}" block`, 'Blocks are not allowed here.', item.typeRange));
    }
  }
  return entries;
}
