import type { Diagnostic, Range } from '../../source.js';
import type { NomadBlock } from '../nomad-block.js';
import type { NomadVersion } from '../spec/builders.js';

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

  error(at: NomadBlock, range: Range | undefined, summary: string, detail?: string): void {
    this.push('error', at, range, summary, detail);
  }

  warn(at: NomadBlock, range: Range | undefined, summary: string, detail?: string): void {
    this.push('warning', at, range, summary, detail);
  }

  /** An argument's range if it is set, else the block's own. */
  rangeOf(block: NomadBlock, argument: string): Range {
    return block.attribute(argument)?.exprRange ?? block.labelRanges[0] ?? block.typeRange;
  }

  private push(severity: Diagnostic['severity'], at: NomadBlock, range: Range | undefined, summary: string, detail: string | undefined): void {
    const d: Diagnostic = { severity, summary, range: range ?? at.typeRange, path: at.path };
    if (detail !== undefined) d.detail = detail;
    this.diags.push(d);
  }
}
