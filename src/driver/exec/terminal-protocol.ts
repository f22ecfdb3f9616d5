/**
 * What the driver and the helper on the pseudo-terminal (`bin/pot-nomad-tty.js`) say to each other. The
 * helper gets a payload as its one argument; then, over a Unix socket in a directory only this user can
 * enter, it proves who it is with the payload's token and takes size changes, one line each, answering each.
 */

export interface TerminalPayload {
  /** The command to run on the terminal: the pot binary and its arguments. */
  argv: string[];
  /** The driver's socket. */
  socket: string;
  token: string;
  rows: number;
  cols: number;
  /** Variables the driver changed to start the helper, with their values before (null: unset). */
  restoreEnv: Record<string, string | null>;
}

export interface TerminalSize {
  rows: number;
  cols: number;
}

/** The line a size change travels as. */
export function sizeLine(size: TerminalSize): string {
  return `size ${size.rows} ${size.cols}\n`;
}

/** A size line read back; undefined for anything else. */
export function parseSizeLine(line: string): TerminalSize | undefined {
  const m = /^size (\d{1,5}) (\d{1,5})$/.exec(line);
  return m === null ? undefined : { rows: Number(m[1]), cols: Number(m[2]) };
}

/** A size the terminal can have: whole numbers from 0 to 65535 (struct winsize holds unsigned shorts). */
export function clampSize(rows: number, cols: number): TerminalSize {
  const clamp = (n: number): number => (Number.isFinite(n) ? Math.min(65535, Math.max(0, Math.trunc(n))) : 0);
  return { rows: clamp(rows), cols: clamp(cols) };
}
