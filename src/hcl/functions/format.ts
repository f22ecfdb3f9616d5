import { DYNAMIC, listOf, STRING } from '../cty/type.js';
import { list, str, unknown, type Val } from '../cty/value.js';
import { ArgError, CallFailure } from './errors.js';
import { formatOne, type Verb } from './format-verb.js';
import { quoteChar } from './json.js';
import { param, staticType, type FunctionContext, type FunctionTable } from './spec.js';

/**
 * printf-style formatting with cty's format grammar: `%` flags width precision `[n]` verb, where the verb
 * is any letter (unsupported ones fail when used). Offsets in messages are byte offsets, as in Go.
 */

const FLAGS: Record<string, 'zero' | 'sharp' | 'minus' | 'plus' | 'space'> = { '0': 'zero', '#': 'sharp', '-': 'minus', '+': 'plus', ' ': 'space' };

function byteOffset(s: string, index: number): number {
  return Buffer.byteLength(s.slice(0, index), 'utf8');
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /^[A-Za-z]$/.test(c);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

export function formatString(format: string, args: Val[], ctx?: FunctionContext): string {
  let out = '';
  let nextArg = 1;
  let highest = 0;
  let i = 0;
  const unrecognized = (at: number): never => {
    const ch = String.fromCodePoint(format.codePointAt(at)!);
    throw new CallFailure(`unrecognized format character ${quoteChar(ch)} at offset ${byteOffset(format, at)}`);
  };
  const eof = (): never => {
    throw new CallFailure(`invalid format string starting at offset ${Buffer.byteLength(format, 'utf8')}`);
  };
  while (i < format.length) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    if (format[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    const start = i;
    const verb: Verb = {
      raw: '', offset: byteOffset(format, start), argNum: nextArg, mode: '', fmt: '',
      zero: false, sharp: false, plus: false, minus: false, space: false, width: -1, prec: -1,
    };
    i++;
    while (i < format.length && FLAGS[format[i]!]) verb[FLAGS[format[i++]!]!] = true;
    if (isDigit(format[i])) {
      if (format[i] === '0') unrecognized(i);
      verb.width = 0;
      while (isDigit(format[i])) verb.width = verb.width * 10 + Number(format[i++]);
    }
    if (format[i] === '.') {
      i++;
      verb.prec = 0;
      while (isDigit(format[i])) verb.prec = verb.prec * 10 + Number(format[i++]);
    }
    let indexStart = -1;
    if (format[i] === '[') {
      indexStart = i;
      i++;
      if (!isDigit(format[i]) || format[i] === '0') {
        if (i >= format.length) eof();
        unrecognized(i);
      }
      verb.argNum = 0;
      while (isDigit(format[i])) verb.argNum = verb.argNum * 10 + Number(format[i++]);
      if (i >= format.length) eof();
      if (format[i] !== ']') unrecognized(i);
      i++;
    }
    if (i >= format.length) eof();
    if (!isLetter(format[i])) unrecognized(i);
    verb.mode = format[i]!;
    i++;
    verb.raw = format.slice(start, i);
    verb.fmt = indexStart < 0 ? verb.raw : format.slice(start, indexStart) + format.slice(format.indexOf(']', indexStart) + 1, i);
    highest = Math.max(highest, verb.argNum);
    if (verb.argNum > args.length) {
      throw new CallFailure(
        `not enough arguments for ${JSON.stringify(verb.raw)} at ${verb.offset}: need index ${verb.argNum} but have ${args.length} total`,
      );
    }
    // A wide padding is refused before it is built.
    if (ctx?.budget && ctx.range) ctx.budget.string(out.length + Math.max(verb.width, 0), ctx.range);
    out += formatOne(verb, args[verb.argNum - 1]!);
    if (ctx?.budget && ctx.range) ctx.budget.string(out.length, ctx.range);
    nextArg = verb.argNum + 1;
  }
  if (highest < args.length) {
    const firstBad = highest + 1;
    if (highest === 0) throw new ArgError(firstBad, 'too many arguments; no verbs in format string');
    throw new ArgError(firstBad, `too many arguments; only ${highest} used by format string`);
  }
  return out;
}

function formatList(args: Val[], ctx: FunctionContext): Val {
  const [format, ...rest] = args as [Val, ...Val[]];
  if (rest.length === 0) return list([str(formatString(format.str, [], ctx))]);
  let iterLen = -1;
  let lenChooser = -1;
  let anyUnknown = false;
  rest.forEach((arg, i) => {
    const k = arg.type.kind;
    if ((k === 'list' || k === 'set' || k === 'tuple') && !arg.isNull) {
      if (!arg.isKnown) {
        anyUnknown = true;
        return;
      }
      const len = arg.length;
      if (iterLen === -1) {
        iterLen = len;
        lenChooser = i;
      } else if (len !== iterLen) {
        throw new ArgError(i + 1, `argument ${i + 1} has length ${len}, which is inconsistent with argument ${lenChooser + 1} of length ${iterLen}`);
      }
    } else if (k === 'any' && !arg.isKnown) {
      anyUnknown = true;
    }
  });
  if (anyUnknown) return unknown(listOf(STRING));
  if (iterLen === 0) return list([], STRING);
  if (iterLen === -1) iterLen = 1;
  if (ctx.budget && ctx.range) ctx.budget.elements(iterLen, ctx.range);
  const out: Val[] = [];
  for (let n = 0; n < iterLen; n++) {
    const callArgs = rest.map((arg) => {
      const k = arg.type.kind;
      return (k === 'list' || k === 'set' || k === 'tuple') && !arg.isNull ? arg.items[n]! : arg;
    });
    if (callArgs.some((a) => !a.isWhollyKnown)) {
      out.push(unknown(STRING));
      continue;
    }
    try {
      out.push(str(formatString(format.str, callArgs, ctx)));
    } catch (e) {
      if (e instanceof CallFailure || e instanceof ArgError) throw new CallFailure(`error on format iteration ${n}: ${e.message}`);
      throw e;
    }
  }
  return list(out);
}

const formatParams = {
  params: [param('format', STRING)],
  varParam: param('args', DYNAMIC, { allowNull: true, allowUnknown: true, allowDynamicType: true }),
};

export const formatFunctions: FunctionTable = {
  format: {
    ...formatParams,
    type: staticType(STRING),
    impl: ([format, ...rest], _t, ctx) => {
      if (rest.some((a) => !a.isWhollyKnown)) return unknown(STRING);
      return str(formatString(format!.str, rest, ctx));
    },
  },
  formatlist: {
    ...formatParams,
    type: staticType(listOf(STRING)),
    impl: (args, _t, ctx) => formatList(args, ctx),
  },
};
