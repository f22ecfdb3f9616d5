import { createHash, randomUUID } from 'node:crypto';
import { CallFailure } from './errors.js';
import { NUMBER, param, staticType, STRING, stringsFn, toInt, type FunctionSpec, type FunctionTable } from './spec.js';
import { str, type Val } from '../cty/value.js';
import { bcrypt, BcryptError } from './bcrypt.js';
import { rsadecrypt, RsaError } from './rsa.js';

/** Digests, UUIDs, bcrypt and RSA decryption (go-cty-funcs' crypto and uuid functions). */

function digest(algorithm: string): FunctionSpec {
  return stringsFn(['str'], ([s]) => createHash(algorithm).update(s!, 'utf8').digest('hex'));
}

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** The UUID forms Go's uuid.Parse accepts: plain, `{...}`, `urn:uuid:...`, and 32 bare hex digits. */
function parseUuid(text: string): Buffer {
  let hex: string;
  switch (text.length) {
    case 36:
      hex = dashed(text);
      break;
    case 38:
      if (text[0] !== '{' || text[37] !== '}') throw new Error('invalid UUID format');
      hex = dashed(text.slice(1, 37));
      break;
    case 45:
      if (text.slice(0, 9).toLowerCase() !== 'urn:uuid:') throw new Error(`invalid urn prefix: ${JSON.stringify(text.slice(0, 9))}`);
      hex = dashed(text.slice(9));
      break;
    case 32:
      hex = text;
      break;
    default:
      throw new Error(`invalid UUID length: ${text.length}`);
  }
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error('invalid UUID format');
  return Buffer.from(hex, 'hex');
}

function dashed(s: string): string {
  if (s[8] !== '-' || s[13] !== '-' || s[18] !== '-' || s[23] !== '-') throw new Error('invalid UUID format');
  return s.replaceAll('-', '');
}

function formatUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function uuidv5(namespace: string, name: string): string {
  let ns: Buffer;
  try {
    ns = parseUuid(NAMESPACES[namespace] ?? namespace);
  } catch (e) {
    throw new CallFailure(`uuidv5() doesn't support namespace ${namespace} (${(e as Error).message})`);
  }
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  return formatUuid(hash);
}

function bcryptHash(args: Val[]): Val {
  let cost: number | undefined;
  if (args.length > 1) cost = toInt(args[1]!);
  if (args.length > 2) throw new CallFailure('bcrypt() takes no more than two arguments');
  try {
    return str(bcrypt(args[0]!.str, cost));
  } catch (e) {
    if (e instanceof BcryptError) throw new CallFailure(`error occured generating password ${e.message}`);
    throw e;
  }
}

function decrypt(ciphertext: string, key: string): string {
  try {
    return rsadecrypt(ciphertext, key);
  } catch (e) {
    if (e instanceof RsaError) throw new CallFailure(e.message);
    throw e;
  }
}

export const hashFunctions: FunctionTable = {
  md5: digest('md5'),
  sha1: digest('sha1'),
  sha256: digest('sha256'),
  sha512: digest('sha512'),
  uuidv4: { params: [], type: staticType(STRING), impl: () => str(randomUUID()) },
  uuidv5: stringsFn(['namespace', 'name'], ([ns, name]) => uuidv5(ns!, name!)),
  bcrypt: { params: [param('str', STRING)], varParam: param('cost', NUMBER), type: staticType(STRING), impl: bcryptHash },
  rsadecrypt: stringsFn(['ciphertext', 'privatekey'], ([c, k]) => decrypt(c!, k!)),
};
