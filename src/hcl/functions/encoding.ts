import { fromPlain } from '../cty/plain.js';
import { DYNAMIC, STRING } from '../cty/type.js';
import { str, unknown, type Val } from '../cty/value.js';
import { CallFailure } from './errors.js';
import { CsvError, decodeCsv } from './csv.js';
import { decodeJson, encodeJson, JsonError } from './json.js';
import { param, staticType, type FunctionSpec, type FunctionTable } from './spec.js';
import { decodeYaml, YamlError } from './yaml-decode.js';
import { encodeYaml } from './yaml-encode.js';

/** Text encodings: base64, URL query escaping, JSON, CSV and YAML. */

const utf8 = new TextDecoder('utf-8', { fatal: true });

function base64decode(s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s.replace(/[\r\n]/g, '')) || s.replace(/[\r\n]/g, '').length % 4 !== 0) {
    throw new CallFailure(`failed to decode base64 data '${s}'`);
  }
  try {
    return utf8.decode(Buffer.from(s.replace(/[\r\n]/g, ''), 'base64'));
  } catch {
    throw new CallFailure('the result of decoding the the provided string is not valid UTF-8');
  }
}

/** Go's url.QueryEscape: spaces become `+`, everything but unreserved characters is %-escaped. */
function urlencode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/^[A-Za-z0-9\-_.~]$/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function decoding<E extends Error>(errorClass: new (...a: never[]) => E, fn: () => Val): Val {
  try {
    return fn();
  } catch (e) {
    if (e instanceof errorClass) throw new CallFailure(e.message);
    throw e;
  }
}

const str1 = param('str', STRING);
const stringType = staticType(STRING);

function stringFn(fn: (s: string) => string): FunctionSpec {
  return { params: [str1], type: stringType, impl: ([s]) => str(fn(s!.str)) };
}

/** A decoder whose result type is the decoded value's own (cty works it out in its Type callback). */
function decoder(decode: (s: string) => Val, paramName = 'str'): FunctionSpec {
  return {
    params: [param(paramName, STRING)],
    type: ([s]) => (s!.isKnown ? decode(s!.str).type : DYNAMIC),
    impl: ([s]) => decode(s!.str),
  };
}

export const encodingFunctions: FunctionTable = {
  base64encode: stringFn((s) => Buffer.from(s, 'utf8').toString('base64')),
  base64decode: stringFn(base64decode),
  urlencode: stringFn(urlencode),
  jsonencode: {
    params: [param('val', DYNAMIC, { allowUnknown: true, allowDynamicType: true, allowNull: true })],
    type: stringType,
    impl: ([v]) => {
      if (!v!.isWhollyKnown) return unknown(STRING);
      try {
        return str(encodeJson(v!));
      } catch (e) {
        if (e instanceof JsonError) throw new CallFailure(e.message);
        throw e;
      }
    },
  },
  jsondecode: decoder((s) => decoding(JsonError, () => decodeJson(s))),
  csvdecode: decoder((s) => decoding(CsvError, () => decodeCsv(s))),
  yamlencode: {
    params: [param('value', DYNAMIC, { allowNull: true, allowDynamicType: true })],
    type: stringType,
    impl: ([v]) => str(encodeYaml(v!)),
  },
  yamldecode: decoder((s) => decoding(YamlError, () => fromPlain(decodeYaml(s))), 'src'),
};
