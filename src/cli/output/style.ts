import { styleText } from 'node:util';

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan' | 'magenta' | 'gray';

/** Colour only for a person at a terminal: never under NO_COLOR, NOMAD_CLI_NO_COLOR or a pipe. */
export function colourEnabled(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.NOMAD_CLI_NO_COLOR !== undefined && env.NOMAD_CLI_NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export interface Painter {
  (style: Style, text: string): string;
}

export function painter(enabled: boolean): Painter {
  return enabled ? (style, text) => styleText(style, text) : (_style, text) => text;
}
