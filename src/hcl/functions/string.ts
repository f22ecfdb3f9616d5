import { listOf, NUMBER, STRING } from '../cty/type.js';
import { list, str, unknown, type Val } from '../cty/value.js';
import { goLower, goUpper } from './case.js';
import { ArgError, CallFailure } from './errors.js';
import { compileRe2, replaceAllGo } from './re2.js';
import { intVal, param, staticType, toInt, type FunctionContext, type FunctionSpec, type FunctionTable } from './spec.js';
import { compareStrings, graphemes, titleCase, trimCutset, trimGoSpace } from './text.js';

/** cty's string functions (string.go, string_replace.go). */

const stringType = staticType(STRING);

function unary(fn: (s: string) => string, allowDynamicType = false): FunctionSpec {
  return { params: [param('str', STRING, allowDynamicType ? { allowDynamicType } : {})], type: stringType, impl: ([s]) => str(fn(s!.str)) };
}

function sized(ctx: FunctionContext, text: string): Val {
  if (ctx.budget && ctx.range) ctx.budget.string(text.length, ctx.range);
  return str(text);
}

/**
 * cty's substr: offsets and lengths count grapheme clusters. A negative offset counts from the end, and then
 * a length of 0 takes the rest of the string, as cty's loop does.
 */
function substr(s: string, offsetArg: Val, lengthArg: Val): string {
  let offset = toInt(offsetArg);
  const length = toInt(lengthArg);
  const chars = graphemes(s);
  if (offset < 0) offset += chars.length;
  else if (length === 0) return '';
  if (offset > chars.length) return '';
  const rest = chars.slice(Math.max(offset, 0));
  return (length <= 0 ? rest : rest.slice(0, length)).join('');
}

/** Go's strings.Replace with n = -1; an empty search string inserts between every character. */
function replace(s: string, from: string, to: string): string {
  if (from === '') return to + [...s].join(to) + (s === '' ? '' : to);
  return s.split(from).join(to);
}

function join(args: Val[]): string {
  const [sep, ...lists] = args as [Val, ...Val[]];
  if (lists.length === 0) throw new CallFailure('at least one list is required');
  const items: string[] = [];
  lists.forEach((l, li) => {
    l.items.forEach((item, ei) => {
      if (item.isNull) {
        const which = lists.length > 1 ? `element ${ei} of list ${li + 1}` : `element ${ei}`;
        throw new ArgError(li + 1, `${which} is null; cannot concatenate null values`);
      }
      items.push(item.str);
    });
  });
  return items.join(sep.str);
}

export const stringFunctions: FunctionTable = {
  upper: unary(goUpper, true),
  lower: unary(goLower, true),
  // Nomad binds both names to cty's string reversal.
  strrev: unary((s) => graphemes(s).reverse().join(''), true),
  reverse: unary((s) => graphemes(s).reverse().join(''), true),
  strlen: {
    params: [param('str', STRING, { allowUnknown: true, allowDynamicType: true })],
    type: staticType(NUMBER),
    impl: ([s]) => (s!.isKnown ? intVal(graphemes(s!.str).length) : unknown(NUMBER)),
  },
  substr: {
    params: [
      param('str', STRING, { allowDynamicType: true }),
      param('offset', NUMBER, { allowDynamicType: true }),
      param('length', NUMBER, { allowDynamicType: true }),
    ],
    type: stringType,
    impl: ([s, offset, length]) => str(substr(s!.str, offset!, length!)),
  },
  join: {
    params: [param('separator', STRING)],
    varParam: param('lists', listOf(STRING)),
    type: stringType,
    impl: (args, _t, ctx) => {
      if (args.slice(1).some((l) => !l.isWhollyKnown)) return unknown(STRING);
      return sized(ctx, join(args));
    },
  },
  sort: {
    params: [param('list', listOf(STRING), { allowUnknown: true })],
    type: staticType(listOf(STRING)),
    impl: ([l], retType) => {
      if (!l!.isWhollyKnown) return unknown(retType);
      const items = l!.items;
      if (items.length === 0) return l!;
      items.forEach((v, i) => {
        if (v.isNull) throw new CallFailure(`given list element ${i} is null; a null string cannot be sorted`);
      });
      return list(
        [...items].sort((a, b) => compareStrings(a.str, b.str)),
        STRING,
      );
    },
  },
  split: {
    params: [param('separator', STRING), param('str', STRING)],
    type: staticType(listOf(STRING)),
    impl: ([sep, s], _t, ctx) => {
      const parts = sep!.str === '' ? [...s!.str] : s!.str.split(sep!.str);
      if (ctx.budget && ctx.range) ctx.budget.elements(parts.length, ctx.range);
      return list(
        parts.map((p) => str(p)),
        STRING,
      );
    },
  },
  chomp: unary((s) => s.replace(/(?:\r\n?|\n)*$/, '')),
  indent: {
    params: [param('spaces', NUMBER), param('str', STRING)],
    type: stringType,
    impl: ([spaces, s], _t, ctx) => {
      const n = toInt(spaces!);
      const lines = s!.str.split('\n');
      if (ctx.budget && ctx.range) ctx.budget.string(s!.str.length + Math.max(n, 0) * (lines.length - 1), ctx.range);
      if (n < 0) throw new CallFailure('panic in function implementation: strings: negative Repeat count');
      return str(lines.join('\n' + ' '.repeat(n)));
    },
  },
  title: unary(titleCase),
  trimspace: unary(trimGoSpace),
  trim: {
    params: [param('str', STRING), param('cutset', STRING)],
    type: stringType,
    impl: ([s, cutset]) => str(trimCutset(s!.str, cutset!.str, true, true)),
  },
  trimprefix: {
    params: [param('str', STRING), param('prefix', STRING)],
    type: stringType,
    impl: ([s, prefix]) => str(s!.str.startsWith(prefix!.str) ? s!.str.slice(prefix!.str.length) : s!.str),
  },
  trimsuffix: {
    params: [param('str', STRING), param('suffix', STRING)],
    type: stringType,
    impl: ([s, suffix]) => str(s!.str.endsWith(suffix!.str) ? s!.str.slice(0, s!.str.length - suffix!.str.length) : s!.str),
  },
  replace: {
    params: [param('str', STRING), param('substr', STRING), param('replace', STRING)],
    type: stringType,
    impl: ([s, from, to], _t, ctx) => {
      const count = from!.str === '' ? [...s!.str].length + 1 : s!.str.split(from!.str).length - 1;
      if (ctx.budget && ctx.range) ctx.budget.string(s!.str.length + count * to!.str.length, ctx.range);
      return str(replace(s!.str, from!.str, to!.str));
    },
  },
  regex_replace: {
    params: [param('str', STRING), param('pattern', STRING), param('replace', STRING)],
    type: stringType,
    impl: ([s, pattern, to], _t, ctx) => sized(ctx, replaceAllGo(s!.str, compileRe2(pattern!.str), to!.str)),
  },
};
