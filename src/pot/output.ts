// Helpers for reading pot's human-oriented output. pot prints its errors as `###>  msg` lines, mostly on stdout.

const ERROR_PREFIX = /^###>\s*/;

/** The text of every `###>` line, prefix removed, in order of appearance. */
export function potErrorLines(text: string): string[] {
  return splitLines(text)
    .filter((line) => ERROR_PREFIX.test(line))
    .map((line) => line.replace(ERROR_PREFIX, '').trim())
    .filter((line) => line !== '');
}

/** Non-blank lines, trailing whitespace removed. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

/** `pot prepare` for `[bin, 'prepare', ...]`; the first argument that is not an option names the subcommand. */
export function commandLabel(argv: readonly string[]): string {
  const sub = argv.slice(1).find((arg) => !arg.startsWith('-'));
  return sub === undefined ? 'pot' : `pot ${sub}`;
}

/** `600s` for 600000, `300ms` for 300: durations as people read them in error messages. */
export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
