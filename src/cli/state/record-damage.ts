import { RunRecordShapeError, validateRunRecord, type RunRecord } from './run-record.js';

/** Why a record file's bytes are not a usable record; `newer` when it is fine, just from a later version. */
export interface Damage {
  why: string;
  newer: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a record file's bytes as the record of run `id`, or says in a few words what is wrong with them:
 * empty, cut off, not text, not JSON, not an object, a missing or mistyped field, another run's record.
 */
export function diagnoseRecord(id: string, bytes: Uint8Array): { record: RunRecord } | { damage: Damage } {
  const damaged = (why: string, newer = false) => ({ damage: { why, newer } });
  if (bytes.byteLength === 0) return damaged('the file is empty');
  if (bytes.includes(0)) return damaged(`it holds NUL bytes (${bytes.byteLength} bytes), not JSON`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return damaged('it is not UTF-8 text');
  }
  if (text.trim() === '') return damaged('the file is empty');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const cut = endsInside(text) ? '; the file looks truncated' : '';
    return damaged(`it is not valid JSON (${oneLine((error as Error).message)})${cut}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return damaged(`it holds ${kindOf(value)}, not a JSON object`);
  let record: RunRecord;
  try {
    record = validateRunRecord(value);
  } catch (error) {
    if (error instanceof RunRecordShapeError) return damaged(error.message, error.newer);
    throw error;
  }
  if (record.id !== id) return damaged(`it holds run "${record.id}", not "${id}"`);
  return { record };
}

/** True when the text ends inside a string, an object or an array: what a write cut short leaves. */
function endsInside(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return inString || depth > 0;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Control characters (a parser quoting the file) would break the one-line message. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What a path that should be a plain file is instead, from its lstat. */
export function fileKind(info: { isDirectory(): boolean; isSymbolicLink(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  return 'a device';
}
