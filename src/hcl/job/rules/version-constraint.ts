/**
 * Whether Nomad accepts a `version` or `semver` constraint's value, with the error it gives otherwise.
 * `version` uses hashicorp/go-version's constraint syntax (`>= 1.2, < 2.0`, `~> 1.2`, pre-releases
 * with or without a dash); `semver` uses Nomad's own, which has no `~>` and needs the dash.
 */

// Go's \s is ASCII whitespace without \v.
const SP = '[\\t\\n\\f\\r ]*';
const VERSION = 'v?([0-9]+(\\.[0-9]+)*?)(-([0-9]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)|(-?([A-Za-z\\-~]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)))?(\\+([0-9A-Za-z\\-~]+(\\.[0-9A-Za-z\\-~]+)*))?';
const SEMVER = 'v?([0-9]+(\\.[0-9]+)*?)(-([0-9]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)|(-([A-Za-z\\-~]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)))?(\\+([0-9A-Za-z\\-~]+(\\.[0-9A-Za-z\\-~]+)*))?';

const VERSION_CONSTRAINT = new RegExp(`^${SP}(<=|>=|!=|~>|<|>|=|)${SP}(${VERSION})${SP}$`);
const SEMVER_CONSTRAINT = new RegExp(`^${SP}(<=|>=|!=|<|>|=|)${SP}(${SEMVER})${SP}$`);

const INT64_MAX = 2n ** 63n - 1n;

/**
 * The error of go-version's `NewConstraint`, or undefined if it parses. Its message was capitalised
 * until go-version 1.8 (Nomad 1.11.1).
 */
export function versionConstraintError(text: string, lowercase: boolean): string | undefined {
  return constraintError(text, VERSION_CONSTRAINT, lowercase ? 'malformed constraint' : 'Malformed constraint');
}

/** The error of Nomad's semver `NewConstraint`, or undefined if it parses. */
export function semverConstraintError(text: string): string | undefined {
  return constraintError(text, SEMVER_CONSTRAINT, 'Malformed constraint');
}

function constraintError(text: string, pattern: RegExp, malformed: string): string | undefined {
  for (const single of text.split(',')) {
    const m = pattern.exec(single);
    if (!m) return `${malformed}: ${single}`;
    // The version's numbers are parsed as int64; a longer one fails there.
    for (const segment of m[3]!.split('.')) {
      if (BigInt(segment) > INT64_MAX) return `error parsing version: strconv.ParseInt: parsing "${segment}": value out of range`;
    }
  }
  return undefined;
}
