import { getConversion } from './convert.js';
import { compareNames, constraintName, friendlyName, hasDynamic, isCollection, isPrimitive, typesEqual, type ObjectType, type Type } from './type.js';

/** convert.MismatchMessage: why `got` does not convert to `want`, as cty says it. */
export function mismatchMessage(got: Type, want: Type): string {
  if (got.kind === 'object' && want.kind === 'object') return mismatchObjects(got, want);
  if (got.kind === 'tuple' && want.kind === 'list' && want.element.kind === 'any') return 'all list elements must have the same type';
  if (got.kind === 'tuple' && want.kind === 'set' && want.element.kind === 'any') return 'all set elements must have the same type';
  if (got.kind === 'object' && want.kind === 'map' && want.element.kind === 'any') return 'all map elements must have the same type';
  if ((got.kind === 'tuple' || got.kind === 'object') && isCollection(want)) return mismatchFromStructural(got, want);
  if (isCollection(got) && isCollection(want)) return mismatchFromCollections(got, want);
  if (!likelyToConfuse(got, want)) return `${friendlyName(want)} required, but have ${friendlyName(got)}`;
  return `${constraintName(want)} required`;
}

function mismatchObjects(got: ObjectType, want: ObjectType): string {
  const missing: string[] = [];
  let unsafeMismatch = '';
  let safeMismatch = '';
  for (const a of want.attributes) {
    const g = got.attributes.find((x) => x.name === a.name);
    if (!g) {
      if (!a.optional) missing.push(a.name);
      continue;
    }
    if (typesEqual(g.type, a.type) || unsafeMismatch) continue;
    if (!getConversion(g.type, a.type, true)) unsafeMismatch = `attribute ${JSON.stringify(a.name)}: ${mismatchMessage(g.type, a.type)}`;
    if (safeMismatch) continue;
    if (!getConversion(g.type, a.type, false)) safeMismatch = `attribute ${JSON.stringify(a.name)}: ${mismatchMessage(g.type, a.type)}`;
  }
  if (missing.length > 0) {
    missing.sort(compareNames);
    const q = missing.map((m) => JSON.stringify(m));
    if (q.length === 1) return `attribute ${q[0]} is required`;
    if (q.length === 2) return `attributes ${q[0]} and ${q[1]} are required`;
    return `attributes ${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]} are required`;
  }
  return unsafeMismatch || safeMismatch || 'incorrect object attributes';
}

function mismatchFromStructural(got: Type, want: Extract<Type, { kind: 'list' | 'set' | 'map' }>): string {
  if ((want.kind === 'list' || want.kind === 'set') && got.kind !== 'tuple') return `${constraintName(want)} required`;
  if (want.kind === 'map' && got.kind !== 'object') return `${constraintName(want)} required`;
  const wantElement = want.element;
  if (got.kind === 'tuple') {
    for (let i = 0; i < got.elements.length; i++) {
      const g = got.elements[i]!;
      if (typesEqual(g, wantElement) || getConversion(g, wantElement, true)) continue;
      return `element ${i}: ${mismatchMessage(g, wantElement)}`;
    }
    return `all elements must be ${constraintName(wantElement)}`;
  }
  if (got.kind === 'object') {
    for (const a of got.attributes) {
      if (typesEqual(a.type, wantElement) || getConversion(a.type, wantElement, true)) continue;
      return `element ${JSON.stringify(a.name)}: ${mismatchMessage(a.type, wantElement)}`;
    }
    return `all elements must be ${constraintName(wantElement)}`;
  }
  return `${constraintName(want)} required`;
}

function mismatchFromCollections(got: Extract<Type, { kind: 'list' | 'set' | 'map' }>, want: Extract<Type, { kind: 'list' | 'set' | 'map' }>): string {
  if ((want.kind === 'list' || want.kind === 'set') && got.kind === 'map') return `${constraintName(want)} required`;
  if (want.kind === 'map' && got.kind !== 'map') return `${constraintName(want)} required`;
  return `incorrect ${want.kind} element type: ${mismatchMessage(got.element, want.element)}`;
}

function likelyToConfuse(got: Type, want: Type): boolean {
  if (isPrimitive(got) !== isPrimitive(want)) return false;
  if (want.kind === 'string') return false;
  if ((want.kind === 'bool' && got.kind === 'number') || (got.kind === 'bool' && want.kind === 'number')) return false;
  if (isCollection(got) && isCollection(want) && !hasDynamic(got.element) && hasDynamic(want.element)) return false;
  if (got.kind === 'tuple' && want.kind === 'object') return false;
  return true;
}
