import type { Value } from '../value.js';
import { CallFailure } from './errors.js';
import { CsvError, decodeCsv } from './csv.js';
import { decodeJson, encodeJson, JsonSyntaxError } from './json.js';
import { ANY, param, STRING, type FunctionTable } from './spec.js';
import { decodeYaml, YamlError } from './yaml-decode.js';
import { encodeYaml } from './yaml-encode.js';

/** Text encodings: base64, URL query escaping, JSON, CSV and YAML. */

const utf8 = new TextDecoder('utf-8', { fatal: true });

function base64decode(s: string): string {
  const compact = s.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new CallFailure(`failed to decode base64 data '${s}'`);
  }
  try {
    return utf8.decode(Buffer.from(compact, 'base64'));
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

function decodeWith(decode: (s: string) => Value, errorClass: new (...a: never[]) => Error, s: string): Value {
  try {
    return decode(s);
  } catch (e) {
    if (e instanceof errorClass) throw new CallFailure(e.message);
    throw e;
  }
}

const str = param('str', STRING);

export const encodingFunctions: FunctionTable = {
  base64encode: { params: [str], impl: ([s]) => Buffer.from(s as string, 'utf8').toString('base64') },
  base64decode: { params: [str], impl: ([s]) => base64decode(s as string) },
  urlencode: { params: [str], impl: ([s]) => urlencode(s as string) },
  jsonencode: { params: [param('val', ANY, true)], impl: ([v]) => encodeJson(v!) },
  jsondecode: { params: [str], impl: ([s]) => decodeWith(decodeJson, JsonSyntaxError, s as string) },
  csvdecode: { params: [str], impl: ([s]) => decodeWith(decodeCsv, CsvError, s as string) },
  yamlencode: { params: [param('value', ANY, true)], impl: ([v]) => encodeYaml(v!) },
  yamldecode: { params: [param('src', STRING)], impl: ([s]) => decodeWith(decodeYaml, YamlError, s as string) },
};
