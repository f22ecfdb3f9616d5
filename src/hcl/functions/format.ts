import type { Value } from '../value.js';
import { ArgError, CallFailure } from './errors.js';
import { formatOne, type Verb } from './format-verb.js';
import { ANY, param, STRING, type FunctionTable } from './spec.js';
import { quoteChar } from './json.js';

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

const FLAGS: Record<string, 'zero' | 'sharp' | 'minus' | 'plus' | 'space'> = { '0': 'zero', '#': 'sharp', '-': 'minus', '+': 'plus', ' ': 'space' };

/** printf-style formatting with cty's verbs, flags, `[n]` argument indexes and `*` widths. */
export function formatString(format: string, args: Value[]): string {
  let out = '';
  let nextArg = 1;
  let i = 0;
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
      raw: '', offset: byteLength(format.slice(0, start)), argNum: nextArg, mode: '',
      zero: false, sharp: false, plus: false, minus: false, space: false, width: -1, prec: -1,
    };
    i++;
    while (i < format.length && FLAGS[format[i]!]) verb[FLAGS[format[i++]!]!] = true;
    const index = /^\[([1-9]\d*)\]/.exec(format.slice(i));
    if (index) {
      verb.argNum = Number(index[1]);
      i += index[0].length;
    }
    let widthFromArg = false;
    let precFromArg = false;
    const width = /^[1-9]\d*/.exec(format.slice(i));
    if (width) {
      verb.width = Number(width[0]);
      i += width[0].length;
    } else if (format[i] === '*') {
      widthFromArg = true;
      i++;
    }
    if (format[i] === '.') {
      i++;
      const prec = /^\d*/.exec(format.slice(i))![0];
      if (prec === '' && format[i] === '*') {
        precFromArg = true;
        i++;
      } else {
        verb.prec = prec === '' ? 0 : Number(prec);
        i += prec.length;
      }
    }
    const mode = format[i];
    if (mode === undefined) throw new CallFailure(`invalid format string starting at offset ${byteLength(format)}`);
    if (!/^[a-zA-Z]$/.test(mode)) {
      throw new CallFailure(`unrecognized format character ${quoteChar(mode)} at offset ${byteLength(format.slice(0, i))}`);
    }
    i++;
    verb.mode = mode;
    verb.raw = format.slice(start, i);
    if (widthFromArg) verb.width = starArg(verb, args);
    if (precFromArg) verb.prec = starArg(verb, args);
    if (verb.argNum > args.length) {
      throw new CallFailure(
        `not enough arguments for ${JSON.stringify(verb.raw)} at ${verb.offset}: need index ${verb.argNum} but have ${args.length} total`,
      );
    }
    out += formatOne(verb, args[verb.argNum - 1]!);
    nextArg = verb.argNum + 1;
  }
  return out;
}

/** `*` takes the width or precision from the argument in turn, then moves on to the next. */
function starArg(verb: Verb, args: Value[]): number {
  const v = args[verb.argNum - 1];
  if (v === undefined) {
    throw new CallFailure(`not enough arguments for ${JSON.stringify(verb.raw)} at ${verb.offset}: need index ${verb.argNum} but have ${args.length} total`);
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new CallFailure(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: width and precision must be non-negative whole numbers`);
  }
  verb.argNum++;
  return v;
}

function formatList(args: Value[]): Value {
  const [format, ...rest] = args as [string, ...Value[]];
  let iterLen = -1;
  let lenChooser = -1;
  rest.forEach((arg, i) => {
    if (!Array.isArray(arg)) return;
    if (iterLen === -1) {
      iterLen = arg.length;
      lenChooser = i;
    } else if (arg.length !== iterLen) {
      throw new ArgError(
        i + 1,
        `argument ${i + 1} has length ${arg.length}, which is inconsistent with argument ${lenChooser + 1} of length ${iterLen}`,
      );
    }
  });
  if (iterLen === -1) iterLen = 1;
  const out: Value[] = [];
  for (let n = 0; n < iterLen; n++) {
    const callArgs = rest.map((arg) => (Array.isArray(arg) ? arg[n]! : arg));
    try {
      out.push(formatString(format, callArgs));
    } catch (e) {
      if (e instanceof CallFailure) throw new CallFailure(`error on format iteration ${n}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

export const formatFunctions: FunctionTable = {
  format: {
    params: [param('format', STRING)],
    varParam: param('args', ANY, true),
    impl: ([format, ...rest]) => formatString(format as string, rest),
  },
  formatlist: {
    params: [param('format', STRING)],
    varParam: param('args', ANY, true),
    impl: formatList,
  },
};
