import { ArgError } from './errors.js';
import { DYNAMIC, param, type FunctionTable } from './spec.js';

export const conversionFunctions: FunctionTable = {
  // The second argument is a type expression, which only the evaluator can read: it parses it with
  // parseType() and converts the value itself. Reaching this implementation means it was not.
  convert: {
    params: [param('value', DYNAMIC, { allowNull: true, allowDynamicType: true }), param('type')],
    type: () => {
      throw new ArgError(1, 'must be a type expression, such as list(string)');
    },
    impl: () => {
      throw new ArgError(1, 'must be a type expression, such as list(string)');
    },
  },
};

/**
 * Terraform's tostring(), tolist() and friends are not in Nomad's table; a job calling them fails in Nomad
 * too. Each maps to the convert() call that does the same.
 */
const CONVERT_SPELLINGS: Readonly<Record<string, string>> = {
  tostring: 'string',
  tonumber: 'number',
  tobool: 'bool',
  tolist: 'list(any)',
  toset: 'set(any)',
  tomap: 'map(any)',
};

/** What to suggest for a function Nomad does not have but whose job convert() does, if any. */
export function convertInstead(name: string): string | undefined {
  const type = CONVERT_SPELLINGS[name];
  return type === undefined ? undefined : `Did you mean "convert"? Nomad has no ${name}(); write convert(value, ${type}).`;
}
