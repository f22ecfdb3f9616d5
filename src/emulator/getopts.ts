export interface ParsedOption {
  readonly kind: 'option';
  readonly name: string;
  readonly value: string | undefined;
}

export interface BadOption {
  readonly kind: 'bad';
  readonly name: string;
}

export type GetoptsItem = ParsedOption | BadOption;

/**
 * Option parsing with the semantics of FreeBSD sh's `getopts` builtin, which every pot subcommand uses:
 * options are read until the first operand, `-` or `--`; an option argument is the rest of the word or the
 * whole next word (even if it starts with `-`); an unknown option prints `Illegal option -x` and a missing
 * argument prints `No arg for -x option`, both on stderr, and pot then prints its help and exits 1.
 */
export class Getopts {
  private index = 0;
  private position = 0;
  private finished = false;

  constructor(
    private readonly args: readonly string[],
    private readonly spec: string,
    /** Where the diagnostics go (stderr, as the shell's). */
    private readonly diagnose: (text: string) => void,
  ) {}

  next(): GetoptsItem | undefined {
    if (this.finished) return undefined;
    if (this.position === 0) {
      const word = this.args[this.index];
      if (word === undefined || !word.startsWith('-') || word === '-') {
        this.finished = true;
        return undefined;
      }
      this.index += 1;
      if (word === '--') {
        this.finished = true;
        return undefined;
      }
      this.position = 1;
    }
    const word = this.args[this.index - 1] ?? '';
    const name = word.charAt(this.position);
    const rest = word.slice(this.position + 1);
    this.position = rest === '' ? 0 : this.position + 1;
    const takesValue = this.lookup(name);
    if (takesValue === undefined) {
      this.diagnose(`Illegal option -${name}\n`);
      return { kind: 'bad', name };
    }
    if (!takesValue) return { kind: 'option', name, value: undefined };
    this.position = 0;
    if (rest !== '') return { kind: 'option', name, value: rest };
    const value = this.args[this.index];
    if (value === undefined) {
      this.diagnose(`No arg for -${name} option\n`);
      return { kind: 'bad', name };
    }
    this.index += 1;
    return { kind: 'option', name, value };
  }

  /** The arguments left after the options (`shift $((OPTIND-1))`). */
  operands(): string[] {
    return this.args.slice(this.index);
  }

  /** `undefined` for an unknown option, otherwise whether it takes an argument. */
  private lookup(name: string): boolean | undefined {
    if (name === ':' || name === '') return undefined;
    const at = this.spec.indexOf(name);
    if (at < 0) return undefined;
    return this.spec.charAt(at + 1) === ':';
  }
}
