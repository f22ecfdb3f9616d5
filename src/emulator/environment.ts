import { PotConf } from './state.js';

const DEFAULT_PATH = '/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin:/usr/local/sbin';
const DEFAULT_HOME = '/';
const CONTINUATION = 'pot.env=';

/**
 * set-env's storage: the whole `VAR=value` in double quotes, every `"` inside escaped as `\"`. pot writes the
 * entries to a file and prefixes every line of it with `pot.env=`, so each line of a value with a newline is
 * a `pot.env` line of its own and no value can start a pot.conf key.
 */
export function encodeEnvEntry(assignment: string): string {
  return `"${assignment.replace(/"/g, '\\"')}"`.replaceAll('\n', `\n${CONTINUATION}`);
}

/**
 * The environment a pot's command sees: nothing of the host, only the pot's `pot.env` entries (a default
 * PATH and HOME when they do not set them) and the `_POT_NAME`/`_POT_IP` that pot exports from `pot info -E`.
 * pot writes each entry as `export "VAR=value"` into the script that starts the command, so the values go
 * through a shell's double-quote rules; the same rules are applied here, without a shell: `\"`, `\\`, `\$`,
 * `` \` `` and escaped newlines are unescaped and `$VAR`/`${VAR}` expand from the variables set so far.
 * Command substitution is not performed (backquotes stay literal).
 */
export function potEnvironment(name: string, conf: PotConf): Record<string, string> {
  const env: Record<string, string> = { PATH: DEFAULT_PATH, HOME: DEFAULT_HOME };
  for (const raw of conf.rawValues('pot.env')) {
    // pot's start script turns every `pot.env=` line into `export `, continuation lines included.
    const entry = decodeEnvEntry(raw.replaceAll(`\n${CONTINUATION}`, '\nexport '), env);
    if (entry !== undefined) env[entry[0]] = entry[1];
  }
  env._POT_NAME = name;
  env._POT_IP = conf.value('ip');
  return env;
}

export function decodeEnvEntry(raw: string, env: Readonly<Record<string, string>>): [string, string] | undefined {
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
  const assignment = quoted ? expandDoubleQuoted(raw.slice(1, -1), env) : raw;
  const equals = assignment.indexOf('=');
  if (equals <= 0) return undefined;
  const key = assignment.slice(0, equals);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return undefined;
  return [key, assignment.slice(equals + 1)];
}

const ESCAPABLE = new Set(['$', '`', '"', '\\']);

function expandDoubleQuoted(text: string, env: Readonly<Record<string, string>>): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    const next = text.charAt(i + 1);
    if (char === '\\' && next === '\n') {
      i += 2;
    } else if (char === '\\' && ESCAPABLE.has(next)) {
      result += next;
      i += 2;
    } else if (char === '$') {
      const expansion = expandParameter(text, i, env);
      result += expansion.value;
      i = expansion.end;
    } else {
      result += char;
      i += 1;
    }
  }
  return result;
}

function expandParameter(text: string, at: number, env: Readonly<Record<string, string>>): { value: string; end: number } {
  const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(at));
  if (braced) return { value: env[braced[1] ?? ''] ?? '', end: at + braced[0].length };
  const plain = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(at));
  if (plain) return { value: env[plain[1] ?? ''] ?? '', end: at + plain[0].length };
  return { value: '$', end: at + 1 };
}
