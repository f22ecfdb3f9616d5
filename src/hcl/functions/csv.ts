import { objectOf, STRING } from '../cty/type.js';
import { list, object, str, type Val } from '../cty/value.js';

/** RFC 4180 CSV as Go's encoding/csv reads it (no lazy quotes, blank lines skipped), for csvdecode. */

export class CsvError extends Error {}

interface CsvRecord {
  line: number;
  fields: string[];
}

function parseError(line: number, what: string): CsvError {
  return new CsvError(`CSV parse error on line ${line}: ${what}`);
}

function readRecords(text: string): CsvRecord[] {
  const src = text.replace(/\r\n/g, '\n');
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    if (src[i] === '\n') {
      line++;
      i++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (src[i] === '"') {
        i++;
        for (;;) {
          if (i >= src.length) throw parseError(line, 'extraneous or missing " in quoted-field');
          const c = src[i]!;
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (i < src.length && src[i] !== ',' && src[i] !== '\n') throw parseError(line, 'extraneous or missing " in quoted-field');
      } else {
        while (i < src.length && src[i] !== ',' && src[i] !== '\n') {
          if (src[i] === '"') throw parseError(line, 'bare " in non-quoted-field');
          field += src[i++];
        }
      }
      fields.push(field);
      if (src[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    records.push({ line: start, fields });
  }
  return records;
}

export function decodeCsv(text: string): Val {
  const records = readRecords(text);
  const header = records[0];
  if (!header) throw new CsvError('missing header line');
  const seen = new Set<string>();
  for (const name of header.fields) {
    if (seen.has(name)) throw new CsvError(`duplicate column name ${JSON.stringify(name)}`);
    seen.add(name);
  }
  const rows = records.slice(1).map((r) => {
    if (r.fields.length !== header.fields.length) throw parseError(r.line, 'wrong number of fields');
    return object(header.fields.map((name, i) => [name, str(r.fields[i]!)] as const));
  });
  return list(rows, objectOf(header.fields.map((name) => [name, STRING] as const)));
}

