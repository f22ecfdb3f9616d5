/** A line of an `env = true` template that is not `KEY=VALUE`. */
export class EnvTextError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'EnvTextError';
  }
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Reads the output of an `env = true` template the way Nomad does (hashicorp/go-envparse): one
 * `KEY=VALUE` per line, blank lines and `#` comments skipped, an optional `export ` prefix, and values
 * made of unquoted text (up to a `#`), `'single'` quoted text taken literally and `"double"` quoted
 * text with JSON escapes. Later lines win.
 */
export function parseEnvText(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const body = trimmed.replace(/^export[ \t]+/, '');
    const eq = body.indexOf('=');
    if (eq === -1) throw new EnvTextError(i + 1, `expected KEY=VALUE, got ${JSON.stringify(trimmed)}`);
    const key = body.slice(0, eq).trim();
    if (!KEY.test(key)) throw new EnvTextError(i + 1, `invalid key ${JSON.stringify(key)}: keys are letters, digits and "_", not starting with a digit`);
    env[key] = parseValue(body.slice(eq + 1), i + 1);
  });
  return env;
}

function parseValue(s: string, line: number): string {
  const parts: { text: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '#') break;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end === -1) throw new EnvTextError(line, 'unterminated single-quoted value');
      parts.push({ text: s.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const [text, next] = doubleQuoted(s, i + 1, line);
      parts.push({ text, quoted: true });
      i = next;
      continue;
    }
    let j = i;
    while (j < s.length && !'#"\''.includes(s[j]!)) j++;
    parts.push({ text: s.slice(i, j), quoted: false });
    i = j;
  }
  const first = parts[0];
  if (first && !first.quoted) first.text = first.text.replace(/^[ \t]+/, '');
  const last = parts[parts.length - 1];
  if (last && !last.quoted) last.text = last.text.replace(/[ \t]+$/, '');
  return parts.map((p) => p.text).join('');
}

function doubleQuoted(s: string, start: number, line: number): [string, number] {
  let out = '';
  for (let i = start; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') return [out, i + 1];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = s[i + 1];
    if (e !== undefined && e in JSON_ESCAPES) {
      out += JSON_ESCAPES[e];
      i++;
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      i += 5;
    } else {
      throw new EnvTextError(line, `invalid escape ${JSON.stringify(`\\${e ?? ''}`)} in double-quoted value`);
    }
  }
  throw new EnvTextError(line, 'unterminated double-quoted value');
}
