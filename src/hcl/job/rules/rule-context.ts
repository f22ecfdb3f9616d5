import type { Diagnostic, Range } from '../../source.js';
import type { NomadBlock } from '../nomad-block.js';
import type { NomadVersion } from '../spec/builders.js';
import { compareVersions } from '../spec/versions.js';

/**
 * Where the rules report: each problem is Nomad's own message as the summary, what would be right as
 * the detail, and the place in the job file, the closest argument or block that causes it.
 */
export class RuleContext {
  constructor(
    /** The Nomad version the job is meant for; some rules and warnings came or went with versions. */
    readonly target: NomadVersion,
    private readonly diags: Diagnostic[],
  ) {}

  /** How many errors have been reported so far, to tell whether a part passed. */
  errorCount = 0;

  /** Whether the targeted Nomad is `version` or newer. */
  since(version: NomadVersion): boolean {
    return compareVersions(this.target, version) >= 0;
  }

  error(at: NomadBlock, range: Range | undefined, summary: string, detail?: string): void {
    this.errorCount++;
    this.push('error', at, range, summary, detail);
  }

  warn(at: NomadBlock, range: Range | undefined, summary: string, detail?: string): void {
    this.push('warning', at, range, summary, detail);
  }

  /** An argument's value if it is set, else the block's header. */
  rangeOf(block: NomadBlock, argument: string): Range {
    return block.attribute(argument)?.exprRange ?? headerRange(block);
  }

  private push(severity: Diagnostic['severity'], at: NomadBlock, range: Range | undefined, summary: string, detail: string | undefined): void {
    const d: Diagnostic = { severity, summary, range: range ?? headerRange(at), path: at.path };
    if (detail !== undefined) d.detail = detail;
    this.diags.push(d);
  }
}

/** A block's header: its labels if it has any (`group "web"`), else its type. */
export function headerRange(block: NomadBlock): Range {
  return block.labelRanges[0] ?? block.typeRange;
}
