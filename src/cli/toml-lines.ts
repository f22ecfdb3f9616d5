const KEY_PART = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')`;
const DOTTED = new RegExp(String.raw`^\s*(${KEY_PART}(?:\s*\.\s*${KEY_PART})*)\s*=`);
const HEADER = new RegExp(String.raw`^\s*\[\[?\s*(${KEY_PART}(?:\s*\.\s*${KEY_PART})*)\s*\]\]?`);
const PART = new RegExp(KEY_PART, 'g');

function parts(dotted: string): string[] {
  return (dotted.match(PART) ?? []).map((p) => (p.startsWith('"') ? (JSON.parse(p) as string) : p.startsWith("'") ? p.slice(1, -1) : p));
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The 1-based line where a key path is set in a TOML text: `key = …` under its `[table]`, a dotted
 * `table.key = …`, a `table = { key = … }` inline table, or the `[table]` header itself. smol-toml
 * returns plain values without positions, so messages about a value find their line this way.
 */
export function tomlKeyLine(text: string, path: readonly string[]): number | undefined {
  let table: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#|$)/.test(line)) continue;
    const header = HEADER.exec(line);
    if (header) {
      table = parts(header[1]!);
      if (same(table, path)) return i + 1;
      continue;
    }
    const m = DOTTED.exec(line);
    if (!m) continue;
    const full = [...table, ...parts(m[1]!)];
    if (same(full, path)) return i + 1;
    const rest = path.slice(full.length);
    if (rest.length === 1 && same(full, path.slice(0, full.length))) {
      const inline = line.slice(m[0].length);
      const key = rest[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (new RegExp(String.raw`[{,]\s*(?:${key}|"${key}"|'${key}')\s*=`).test(inline)) return i + 1;
    }
  }
  return undefined;
}
