import { CallFailure } from './errors.js';

/**
 * Go (RE2) regular expressions on top of JS RegExp. Job files are written for Nomad, so patterns use
 * Go's syntax: `(?i)` flags, `(?P<name>...)`, `\z`, `[[:alpha:]]`, and `$1`/`${name}` in replacements.
 */

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Punctuation that JS accepts escaped in unicode mode; other escaped punctuation becomes `\xHH`. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/-');

export function compileGoRegexp(pattern: string): RegExp {
  let flags = 'gu';
  let src = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1]!.includes('U')) throw new CallFailure('error parsing regexp: the U (ungreedy) flag is not supported');
    flags += [...new Set(lead[1])].join('');
    src = src.slice(lead[0].length);
  }
  try {
    return new RegExp(translate(src), flags);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const reason = detail.slice(detail.lastIndexOf(': ') + 2);
    throw new CallFailure(`error parsing regexp: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}: \`${pattern}\``);
  }
}

function translate(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const [text, used] = translateEscape(src, i, inClass);
      out += text;
      i += used - 1;
      continue;
    }
    if (inClass) {
      if (c === '[' && src[i + 1] === ':') {
        const end = src.indexOf(':]', i + 2);
        const name = end > 0 ? src.slice(i + 2, end) : '';
        const cls = POSIX_CLASSES[name];
        if (cls === undefined) throw new CallFailure(`error parsing regexp: invalid character class range: \`${src.slice(i, end + 2)}\``);
        out += cls;
        i = end + 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c === '[' ? '\\[' : c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') out += src[++i];
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && src.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    if (c === '{' && !/^\{\d+(,\d*)?\}/.test(src.slice(i))) {
      out += '\\{';
      continue;
    }
    if (c === '}' || c === ']') {
      out += '\\' + c;
      continue;
    }
    out += c;
  }
  return out;
}

function translateEscape(src: string, i: number, inClass: boolean): [string, number] {
  const next = src[i + 1];
  if (next === undefined) throw new CallFailure('error parsing regexp: trailing backslash at end of expression: ``');
  if (next === 'A' && !inClass) return ['(?<![\\s\\S])', 2];
  if (next === 'z' && !inClass) return ['(?![\\s\\S])', 2];
  if ((next === 'p' || next === 'P') && src[i + 2] !== '{') return [`\\${next}{${src[i + 2] ?? ''}}`, 3];
  if (next === 'x' && src[i + 2] === '{') {
    const end = src.indexOf('}', i);
    return [`\\u{${src.slice(i + 3, end)}}`, end - i + 1];
  }
  if (next === 'Q') {
    const end = src.indexOf('\\E', i + 2);
    const literal = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
    const escaped = literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
    return [escaped, (end < 0 ? src.length : end + 2) - i];
  }
  if (/^[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e ]$/.test(next) && !JS_SYNTAX.has(next)) {
    return ['\\x' + next.charCodeAt(0).toString(16).padStart(2, '0'), 2];
  }
  if (next === '-' && !inClass) return ['\\x2d', 2];
  return ['\\' + next, 2];
}

/** Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; unknown groups expand to nothing. */
export function expandGoTemplate(template: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | undefined;
    let end = i + 1;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      const inner = close < 0 ? '' : template.slice(i + 2, close);
      if (/^\w+$/.test(inner)) {
        name = inner;
        end = close + 1;
      }
    } else {
      const m = /^\w+/.exec(template.slice(i + 1));
      if (m) {
        name = m[0];
        end = i + 1 + name.length;
      }
    }
    if (name === undefined) {
      out += '$';
      continue;
    }
    out += groupText(match, name);
    i = end - 1;
  }
  return out;
}

function groupText(match: RegExpExecArray, name: string): string {
  if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
  return match.groups?.[name] ?? '';
}

export function goReplaceAll(str: string, re: RegExp, template: string): string {
  return str.replace(re, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const hasGroups = typeof last === 'object' && last !== null;
    const groupsCount = args.length - (hasGroups ? 4 : 3);
    const match = Object.assign(args.slice(0, groupsCount + 1) as string[], {
      index: args[groupsCount + 1] as number,
      input: str,
      groups: hasGroups ? (last as Record<string, string>) : undefined,
    }) as unknown as RegExpExecArray;
    return expandGoTemplate(template, match);
  });
}
