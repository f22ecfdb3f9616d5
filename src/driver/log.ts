/** What the core logs through; the plugin's hclog logger fits it, and so does a CLI's. */
export type DriverLogFields = Readonly<Record<string, unknown>>;

export interface DriverLog {
  trace(message: string, fields?: DriverLogFields): void;
  debug(message: string, fields?: DriverLogFields): void;
  info(message: string, fields?: DriverLogFields): void;
  warn(message: string, fields?: DriverLogFields): void;
  error(message: string, fields?: DriverLogFields): void;
}

export const SILENT_LOG: DriverLog = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
