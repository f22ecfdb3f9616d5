import { templateError, type Position } from './errors.js';
import { execute } from './exec.js';
import { API_FUNCTIONS, DISABLED_FUNCTIONS, FUNCTIONS } from './functions.js';
import { lex, type Delimiters } from './lexer.js';
import { parse } from './parser.js';
import type { Value } from './values.js';

export interface GoTemplateOptions {
  delimiters?: Delimiters;
  /** The task environment, read by `env` and `envOrDefault`. */
  env: Readonly<Record<string, string>>;
  /** The clock for `timestamp`. */
  now?: () => Date;
  data?: Value;
  /** Applied to the literal text between actions. */
  text?: (s: string) => string;
}

/**
 * Renders a consul-template style Go template with only local data. Functions that need Consul,
 * Vault or the Nomad API are rejected while parsing, so a template using them fails at once rather
 * than waiting for a service that is not there.
 */
export function renderGoTemplate(source: string, opts: GoTemplateOptions): string {
  const tokens = lex(source, opts.delimiters ?? { left: '{{', right: '}}' });
  const tree = parse(tokens, checkFunction);
  return execute(tree, { data: opts.data, call: { env: opts.env, now: opts.now ?? (() => new Date()) }, ...(opts.text ? { text: opts.text } : {}) });
}

function checkFunction(name: string, at: Position): void {
  const api = API_FUNCTIONS[name];
  if (api) throw templateError(`function "${name}" needs ${api}, and pot-nomad run has no Consul, Vault or Nomad API`, at);
  if (DISABLED_FUNCTIONS.has(name)) throw templateError(`function "${name}" is not available in pot-nomad run`, at);
  if (!FUNCTIONS.has(name)) throw templateError(`function "${name}" not defined`, at);
}
