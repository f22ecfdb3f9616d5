import { createRequire } from 'node:module';
import { CallFailure } from './errors.js';

/**
 * Go's regexp (RE2 syntax and semantics) through re2js, a port of RE2/J that needs no native build. It is
 * loaded the first time a job calls regex_replace, so other jobs do not pay for it. Replacement follows
 * Go's ReplaceAllString: an empty match right after a match is skipped, and `$1`, `${1}`, `$name`,
 * `${name}` and `$$` expand as Go's Regexp.Expand does.
 */

interface Matcher {
  find(start?: number | null): boolean;
  start(group?: string | number): number;
  end(group?: string | number): number;
}

interface Pattern {
  matcher(input: string): Matcher;
  groupCount(): number;
  namedGroups(): Record<string, number>;
}

interface Re2js {
  RE2JS: { compile(pattern: string): Pattern };
}

let lib: Re2js | undefined;

function re2js(): Re2js {
  lib ??= createRequire(import.meta.url)('re2js') as Re2js;
  return lib;
}

export function compileRe2(pattern: string): Pattern {
  try {
    return re2js().RE2JS.compile(pattern);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!message.startsWith('error parsing regexp')) throw err;
    throw new CallFailure(message);
  }
}

export function replaceAllGo(src: string, pattern: Pattern, template: string): string {
  const m = pattern.matcher(src);
  const groups = pattern.groupCount();
  const names = pattern.namedGroups();
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    if (!m.find(searchPos)) break;
    const start = m.start();
    const end = m.end();
    out += src.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expand(template, src, m, groups, names);
    lastMatchEnd = end;
    const cp = src.codePointAt(searchPos);
    const width = cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + src.slice(lastMatchEnd);
}

function groupText(src: string, m: Matcher, index: number): string {
  const s = m.start(index);
  return s < 0 ? '' : src.slice(s, m.end(index));
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

function expand(template: string, src: string, m: Matcher, groups: number, names: Record<string, number>): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = extractName(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    if (/^[0-9]+$/.test(ref.name)) {
      const n = ref.name.length > 8 ? -1 : Number(ref.name);
      if (n >= 0 && n <= groups) out += groupText(src, m, n);
    } else if (names[ref.name] !== undefined) {
      out += groupText(src, m, names[ref.name]!);
    }
  }
  return out + rest;
}

/** Go's extract: `{name}` or the longest run of letters, digits and underscores. */
function extractName(s: string): { name: string; rest: string } | undefined {
  if (s.startsWith('{')) {
    const close = s.indexOf('}');
    if (close < 0) return undefined;
    const name = s.slice(1, close);
    if (name === '' || ![...name].every((c) => NAME_CHAR.test(c))) return undefined;
    return { name, rest: s.slice(close + 1) };
  }
  let i = 0;
  for (const c of s) {
    if (!NAME_CHAR.test(c)) break;
    i += c.length;
  }
  if (i === 0) return undefined;
  return { name: s.slice(0, i), rest: s.slice(i) };
}
