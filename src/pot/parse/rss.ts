import { PotOutputError } from '../errors.js';

/** Resource usage of a running pot, from `pot get-rss -p NAME -J` (values come from rctl). */
export interface PotRss {
  /** Resident memory (rctl `memoryuse`), bytes. */
  rssBytes: number;
  /** Swap in use (rctl `swapuse`), bytes. */
  swapBytes: number;
  /** CPU use in percent of one CPU (rctl `pcpu`); above 100 when several CPUs are busy. */
  cpuPercent: number;
  /**
   * pot's `TotalTicks`: despite the name, CPU use in MHz (`hw.clockrate * pcpu / 100`), which is what Nomad's
   * `CpuStats.TotalTicks` expects.
   */
  totalTicks: number;
}

const FORMAT = 'get-rss -J';

export function parseRss(json: string): PotRss {
  const line = json
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'))
    .at(-1);
  if (line === undefined) throw new PotOutputError(FORMAT, 'no JSON object found', json);
  const root = parseJson(line, json);
  const usage = field(root, 'ResourceUsage', json);
  const memory = field(usage, 'MemoryStats', json);
  const cpu = field(usage, 'CpuStats', json);
  return {
    rssBytes: count(memory, 'RSS', json),
    swapBytes: count(memory, 'Swap', json),
    cpuPercent: amount(cpu, 'Percent', json),
    totalTicks: amount(cpu, 'TotalTicks', json),
  };
}

function parseJson(line: string, text: string): unknown {
  // pot computes TotalTicks with bc, which writes values below 1 without the leading zero (`.480`): not JSON.
  const repaired = line.replace(/(:\s*)(-?)\.(\d)/g, '$1$20.$3');
  try {
    return JSON.parse(repaired);
  } catch {
    throw new PotOutputError(FORMAT, 'invalid JSON', text);
  }
}

function field(value: unknown, key: string, text: string): Record<string, unknown> {
  const inner = isObject(value) ? value[key] : undefined;
  if (!isObject(inner)) throw new PotOutputError(FORMAT, `${key} is missing`, text);
  return inner;
}

function amount(obj: Record<string, unknown>, key: string, text: string): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new PotOutputError(FORMAT, `${key} is not a non-negative number`, text);
  }
  return value;
}

function count(obj: Record<string, unknown>, key: string, text: string): number {
  const value = amount(obj, key, text);
  if (!Number.isInteger(value)) throw new PotOutputError(FORMAT, `${key} is not a whole number`, text);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
