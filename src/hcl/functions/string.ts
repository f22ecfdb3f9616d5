import type { Value } from '../value.js';
import { ArgError } from './errors.js';
import { compileGoRegexp, goReplaceAll } from './go-regexp.js';
import { listOf, NUMBER, param, STRING, wholeNumber, type FunctionSpec, type FunctionTable } from './spec.js';
import { graphemes, mapCase, titleCase, trimCutset, trimGoSpace } from './text.js';

const str = param('str', STRING);

function unary(fn: (s: string) => Value): FunctionSpec {
  return { params: [str], impl: ([s]) => fn(s as string) };
}

function strrev(s: string): string {
  return graphemes(s).reverse().join('');
}

function substr(s: string, offset: number, length: number): string {
  const chars = graphemes(s);
  let start = wholeNumber(offset);
  const len = wholeNumber(length);
  if (start < 0) start = Math.max(0, start + chars.length);
  return chars.slice(start, len < 0 ? undefined : start + len).join('');
}

function split(sep: string, s: string): Value {
  if (sep === '') return [...s];
  return s.split(sep);
}

function join(args: Value[]): Value {
  const [sep, ...lists] = args as [string, ...Value[][]];
  if (lists.length === 0) throw new ArgError(1, 'at least one list is required');
  const items: string[] = [];
  lists.forEach((list, li) => {
    list.forEach((item, ei) => {
      if (item === null) {
        const which = lists.length > 1 ? `element ${ei} of list ${li + 1}` : `element ${ei}`;
        throw new ArgError(li + 1, `${which} is null; cannot concatenate null values`);
      }
      items.push(item as string);
    });
  });
  return items.join(sep);
}

function replace(s: string, substring: string, replacement: string): string {
  if (substring.length > 1 && substring.startsWith('/') && substring.endsWith('/')) {
    return goReplaceAll(s, compileGoRegexp(substring.slice(1, -1)), replacement);
  }
  // Go inserts the replacement before every character and at the end when the search string is empty.
  if (substring === '') return replacement + [...s].join(replacement) + (s === '' ? '' : replacement);
  return s.split(substring).join(replacement);
}

export const stringFunctions: FunctionTable = {
  upper: unary((s) => mapCase(s, true)),
  lower: unary((s) => mapCase(s, false)),
  // Nomad binds both names to cty's string reversal.
  strrev: unary(strrev),
  reverse: unary(strrev),
  strlen: unary((s) => graphemes(s).length),
  title: unary(titleCase),
  trimspace: unary(trimGoSpace),
  chomp: unary((s) => s.replace(/(?:\r\n?|\n)*$/, '')),
  substr: {
    params: [str, param('offset', NUMBER), param('length', NUMBER)],
    impl: ([s, offset, length]) => substr(s as string, offset as number, length as number),
  },
  indent: {
    params: [param('spaces', NUMBER), str],
    impl: ([spaces, s]) => (s as string).split('\n').join('\n' + ' '.repeat(Math.max(0, wholeNumber(spaces as number)))),
  },
  trim: {
    params: [str, param('cutset', STRING)],
    impl: ([s, cutset]) => trimCutset(s as string, cutset as string, true, true),
  },
  trimprefix: {
    params: [str, param('prefix', STRING)],
    impl: ([s, prefix]) => ((s as string).startsWith(prefix as string) ? (s as string).slice((prefix as string).length) : s),
  },
  trimsuffix: {
    params: [str, param('suffix', STRING)],
    impl: ([s, suffix]) => {
      const text = s as string;
      const suf = suffix as string;
      return suf !== '' && text.endsWith(suf) ? text.slice(0, text.length - suf.length) : text;
    },
  },
  split: {
    params: [param('separator', STRING), str],
    impl: ([sep, s]) => split(sep as string, s as string),
  },
  join: {
    params: [param('separator', STRING)],
    varParam: param('lists', listOf(STRING)),
    impl: join,
  },
  replace: {
    params: [str, param('substr', STRING), param('replace', STRING)],
    impl: ([s, sub, rep]) => replace(s as string, sub as string, rep as string),
  },
  regex_replace: {
    params: [str, param('substr', STRING), param('replace', STRING)],
    impl: ([s, sub, rep]) => goReplaceAll(s as string, compileGoRegexp(sub as string), rep as string),
  },
};
