/**
 * The Nomad client's runtime interpolation: `${NOMAD_ALLOC_ID}`, `${meta.rack}`, `${attr.kernel.name}`,
 * `${node.unique.name}`, `${env["PATH"]}` in config and env values are replaced when known and left
 * as written otherwise, as Nomad does.
 */
export interface InterpolationScope {
  env: Readonly<Record<string, string>>;
  /** `attr.*` and `node.*` keys, e.g. `attr.kernel.name`, `node.unique.name`. */
  node: Readonly<Record<string, string>>;
  /** Node `meta.*` values, keyed without the prefix. */
  meta: Readonly<Record<string, string>>;
}

const REFERENCE = /\$\{([^{}]+)\}/g;

export function interpolateString(s: string, scope: InterpolationScope, unresolved?: Set<string>): string {
  if (!s.includes('${')) return s;
  return s.replace(REFERENCE, (whole, ref: string) => {
    const value = resolve(ref.trim(), scope);
    if (value === undefined) unresolved?.add(whole);
    return value ?? whole;
  });
}

function resolve(ref: string, scope: InterpolationScope): string | undefined {
  const envIndex = /^env\[\s*"([^"]*)"\s*\]$/.exec(ref);
  if (envIndex) return scope.env[envIndex[1]!];
  if (ref.startsWith('meta.')) return scope.meta[ref.slice(5)];
  if (ref.startsWith('attr.') || ref.startsWith('node.')) return scope.node[ref];
  return Object.prototype.hasOwnProperty.call(scope.env, ref) ? scope.env[ref] : undefined;
}

/** Interpolates every string inside a config value, keeping its shape. */
export function interpolateValue<T>(value: T, scope: InterpolationScope, unresolved?: Set<string>): T {
  if (typeof value === 'string') return interpolateString(value, scope, unresolved) as T;
  if (Array.isArray(value)) return value.map((v) => interpolateValue(v, scope, unresolved)) as T;
  if (typeof value === 'object' && value !== null) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[interpolateString(k, scope, unresolved)] = interpolateValue(v, scope, unresolved);
    return out as T;
  }
  return value;
}
