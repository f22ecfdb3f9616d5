import { readdirSync, statSync } from 'node:fs';

/**
 * doublestar-style globbing for `fileset`: `*`, `?`, `[...]`, `{a,b}` within a path component, and
 * `**` for any number of directories. Only the part of the tree below the pattern's literal prefix is
 * walked, and the walk is bounded.
 */

export class GlobPatternError extends Error {}

const META = /[*?[{\\]/;
const MAX_ENTRIES = 100_000;

function escapeRe(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function translateComponent(c: string): string {
  let out = '';
  for (let i = 0; i < c.length; i++) {
    const ch = c[i]!;
    if (ch === '*') {
      out += '[^/]*';
      while (c[i + 1] === '*') i++;
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '\\') {
      if (i + 1 >= c.length) throw new GlobPatternError('syntax error in pattern');
      out += escapeRe(c[++i]!);
    } else if (ch === '[') {
      const end = c.indexOf(']', i + 2);
      if (end < 0) throw new GlobPatternError('syntax error in pattern');
      let body = c.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else if (ch === '{') {
      const end = c.indexOf('}', i);
      if (end < 0) throw new GlobPatternError('syntax error in pattern');
      const alternatives = c.slice(i + 1, end).split(',').map(translateComponent);
      out += `(?:${alternatives.join('|')})`;
      i = end;
    } else {
      out += escapeRe(ch);
    }
  }
  return out;
}

/** Absolute paths (files and directories) that match an absolute, cleaned pattern. */
export function glob(pattern: string): string[] {
  const parts = pattern.split('/');
  const firstMeta = parts.findIndex((p) => META.test(p));
  if (firstMeta < 0) {
    try {
      statSync(pattern);
      return [pattern];
    } catch {
      return [];
    }
  }
  const base = parts.slice(0, firstMeta).join('/') || '/';
  let re = escapeRe(parts.slice(0, firstMeta).join('/'));
  for (const part of parts.slice(firstMeta)) re += part === '**' ? '(?:/[^/]+)*' : '/' + translateComponent(part);
  const matcher = new RegExp(`^${re}$`);
  const found: string[] = [];
  let seen = 0;
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) return;
      const full = dir === '/' ? `/${entry.name}` : `${dir}/${entry.name}`;
      if (matcher.test(full)) found.push(full);
      if (entry.isDirectory()) walk(full);
    }
  };
  walk(base);
  return found;
}
