/**
 * Strings that would do something on the host if any part of pot-nomad handed them to a shell, and the HCL
 * that carries them into a job file. Every payload that could run a command aims at one canary file; a test
 * shows nothing ran by showing that the file does not exist afterwards.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Canary {
  /** A fresh directory holding nothing but, if something went wrong, the canary. */
  dir: string;
  /** Absolute, free of blanks and `:`, so that it fits every field. */
  path: string;
  /** Whether anything created the canary. */
  tripped(): boolean;
}

export function newCanary(): Canary {
  const dir = mkdtempSync(join(tmpdir(), 'pn-canary-'));
  const path = join(dir, 'PWNED');
  return { dir, path, tripped: () => existsSync(path) };
}

export interface Payload {
  /** Short, identifier-safe: used in env keys and file names. */
  id: string;
  value: string;
}

/**
 * Shell syntax of every kind (quotes, substitutions, separators, redirections, expansions, newlines, option look-alikes)
 * and pot.conf syntax (a quote that closes early followed by a new `key=value` line). No payload contains `:`, so each
 * can sit on either side of a `src:dst` entry. The NUL payload is separate: no program can receive it in an argument.
 */
export function hostilePayloads(canary: string): Payload[] {
  return [
    { id: 'quotes', value: `a'b"c` },
    { id: 'subst', value: `$(touch ${canary})` },
    { id: 'subst_ifs', value: `$(touch\${IFS}${canary})` },
    { id: 'backtick', value: `\`touch ${canary}\`` },
    { id: 'semicolon', value: `x; touch ${canary}` },
    { id: 'and', value: `x && touch ${canary}` },
    { id: 'pipe', value: `|touch ${canary}` },
    { id: 'redirect', value: `x >${canary}` },
    { id: 'newline', value: `x\ntouch ${canary}` },
    { id: 'cr_tab', value: `x\r\ttouch ${canary}` },
    { id: 'home', value: '${HOME}' },
    { id: 'help', value: '--help' },
    { id: 'force', value: '-F' },
    { id: 'dash_p', value: '-p' },
    { id: 'glob', value: '*' },
    { id: 'backslash', value: 'x\\' },
    { id: 'conf_line', value: `x\\"\npot.cmd=touch ${canary} #` },
    { id: 'unicode', value: 'ä\u2028€' },
  ];
}

export const NUL_PAYLOAD: Payload = { id: 'nul', value: 'a\u0000b' };

/** Payloads pot mount-in can take as a path (it refuses blanks); the others must be refused up front. */
export function blankFree(payloads: readonly Payload[]): Payload[] {
  return payloads.filter((p) => !/\s/.test(p.value));
}

/**
 * A quoted HCL string whose value is exactly `s`: backslash escapes for quotes, backslashes and control
 * characters, and `$${` / `%%{` so that nothing in it is read as a template.
 */
export function hclString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const next = s.charAt(i + 1);
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if ((c === '$' || c === '%') && next === '{') out += `${c}${c}`;
    else if (c.charCodeAt(0) < 0x20 || c === '\u2028' || c === '\u2029') out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}

/** An HCL list of quoted strings. */
export function hclList(values: readonly string[]): string {
  return `[${values.map(hclString).join(', ')}]`;
}

/** `key = "value"` lines for an `env {}` or `meta {}` block. */
export function hclAttributes(entries: Readonly<Record<string, string>>, indent: string): string {
  return Object.entries(entries)
    .map(([k, v]) => `${indent}${k} = ${hclString(v)}`)
    .join('\n');
}

export const IMAGE = { image: 'https://potluck.example/img', pot: 'base-amd64-14_1', tag: '1.0' };
