/**
 * TaskStats → proto. Nomad dereferences `stats`, `stats.agg_resource_usage` and reads `stats.timestamp`
 * without checks, so all three are always filled; `measured_fields` lists exactly the numbers we have.
 */
import type { CpuUsage, MemoryUsage, ResourceUsage, TaskStats } from '../services/driver-port.js';
import { timestampToProto, type TimestampMsg } from './time.js';

export interface ResourceUsageMsg {
  cpu: Record<string, number | string[]>;
  memory: Record<string, number | string[]>;
}

export interface TaskStatsResponseMsg {
  stats: {
    id: string;
    timestamp: TimestampMsg;
    agg_resource_usage: ResourceUsageMsg;
    resource_usage_by_pid: Record<string, ResourceUsageMsg>;
  };
}

const CPU_FIELDS: ReadonlyArray<[keyof CpuUsage, string, string]> = [
  ['systemMode', 'system_mode', 'SYSTEM_MODE'],
  ['userMode', 'user_mode', 'USER_MODE'],
  ['totalTicks', 'total_ticks', 'TOTAL_TICKS'],
  ['throttledPeriods', 'throttled_periods', 'THROTTLED_PERIODS'],
  ['throttledTime', 'throttled_time', 'THROTTLED_TIME'],
  ['percent', 'percent', 'PERCENT'],
];

const MEMORY_FIELDS: ReadonlyArray<[keyof MemoryUsage, string, string]> = [
  ['rss', 'rss', 'RSS'],
  ['cache', 'cache', 'CACHE'],
  ['maxUsage', 'max_usage', 'MAX_USAGE'],
  ['kernelUsage', 'kernel_usage', 'KERNEL_USAGE'],
  ['kernelMaxUsage', 'kernel_max_usage', 'KERNEL_MAX_USAGE'],
  ['usage', 'usage', 'USAGE'],
  ['swap', 'swap', 'SWAP'],
];

export function taskStatsToProto(stats: TaskStats): TaskStatsResponseMsg {
  const byPid: Record<string, ResourceUsageMsg> = {};
  for (const [pid, usage] of Object.entries(stats.byPid ?? {})) byPid[pid] = resourceUsageToProto(usage);
  return {
    stats: {
      id: stats.id,
      timestamp: timestampToProto(stats.timestamp),
      agg_resource_usage: resourceUsageToProto(stats.usage),
      resource_usage_by_pid: byPid,
    },
  };
}

export function resourceUsageToProto(usage: ResourceUsage): ResourceUsageMsg {
  return { cpu: measured(usage.cpu, CPU_FIELDS), memory: measured(usage.memory, MEMORY_FIELDS) };
}

function measured<T extends object>(
  values: T,
  fields: ReadonlyArray<[keyof T, string, string]>,
): Record<string, number | string[]> {
  const out: Record<string, number | string[]> = {};
  const present: string[] = [];
  for (const [key, wire, enumName] of fields) {
    const value = values[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    out[wire] = value;
    present.push(enumName);
  }
  out.measured_fields = present;
  return out;
}
