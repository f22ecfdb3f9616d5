import { createPrivateKey } from 'node:crypto';

/**
 * rsadecrypt as go-cty-funcs does it: base64 ciphertext, a PEM private key in PKCS #1 form, RSA with
 * PKCS #1 v1.5 padding. The arithmetic is done here (Node refuses PKCS #1 v1.5 decryption); the key is
 * read with Node's parser, restricted to PKCS #1 as Go's x509.ParsePKCS1PrivateKey is.
 */

export class RsaError extends Error {}

const b64 = (s: string): bigint => BigInt('0x' + (Buffer.from(s, 'base64url').toString('hex') || '0'));

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

interface PemBlock {
  type: string;
  headers: Map<string, string>;
  der: Buffer;
}

/** Go's pem.Decode: the first well-formed block. */
function firstPem(text: string): PemBlock | undefined {
  const m = /-----BEGIN ([^-\n]+)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  const headers = new Map<string, string>();
  const lines = m[2]!.split(/\r?\n/);
  let i = 0;
  for (; i < lines.length && lines[i]!.includes(':'); i++) {
    const colon = lines[i]!.indexOf(':');
    headers.set(lines[i]!.slice(0, colon).trim(), lines[i]!.slice(colon + 1).trim());
  }
  return { type: m[1]!, headers, der: Buffer.from(lines.slice(i).join(''), 'base64') };
}

export function rsadecrypt(ciphertext: string, privateKey: string): string {
  const compact = ciphertext.replace(/[\r\n]/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new RsaError(`failed to decode input ${JSON.stringify(ciphertext)}: cipher text must be base64-encoded`);
  }
  const block = firstPem(privateKey);
  if (!block) throw new RsaError('failed to parse key: no key found');
  if (block.headers.get('Proc-Type') === '4,ENCRYPTED') {
    throw new RsaError('failed to parse key: password protected keys are not supported. Please decrypt the key prior to use');
  }
  let jwk: { n?: string; d?: string };
  try {
    jwk = createPrivateKey({ key: block.der, format: 'der', type: 'pkcs1' }).export({ format: 'jwk' }) as { n?: string; d?: string };
  } catch {
    throw new RsaError('x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)');
  }
  const n = b64(jwk.n!);
  const d = b64(jwk.d!);
  const k = Math.ceil(n.toString(16).length / 2);
  const c = Buffer.from(compact, 'base64');
  const decryptionError = new RsaError('crypto/rsa: decryption error');
  if (c.length > k || k < 11) throw decryptionError;
  const cInt = BigInt('0x' + (c.toString('hex') || '0'));
  if (cInt >= n) throw decryptionError;
  const em = Buffer.from(modPow(cInt, d, n).toString(16).padStart(k * 2, '0'), 'hex');
  if (em[0] !== 0 || em[1] !== 2) throw decryptionError;
  const sep = em.indexOf(0, 2);
  if (sep < 0 || sep < 10) throw decryptionError;
  return em.subarray(sep + 1).toString('utf8');
}
