import { PotOutputError } from '../errors.js';

export interface LastRunStats {
  /** Exit code of the pot's last command; 0 when pot had no record of it. */
  exitCode: number;
  /** True when pot printed `{}`: the pot never finished a run (or its record is gone). */
  missing: boolean;
}

const FORMAT = 'last-run-stats';

/** Reads `pot last-run-stats -p NAME`: `{ "ExitCode": N }`, or `{}` when the record file does not exist. */
export function parseLastRunStats(text: string): LastRunStats {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PotOutputError(FORMAT, 'invalid JSON', text);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PotOutputError(FORMAT, 'not a JSON object', text);
  }
  const record = value as Record<string, unknown>;
  if (Object.keys(record).length === 0) return { exitCode: 0, missing: true };
  const exitCode = record['ExitCode'];
  if (typeof exitCode !== 'number' || !Number.isInteger(exitCode) || exitCode < 0) {
    throw new PotOutputError(FORMAT, 'ExitCode is not a non-negative whole number', text);
  }
  return { exitCode, missing: false };
}
