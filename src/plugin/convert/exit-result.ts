/** ExitResult ⇄ the project's exit result. Nomad dereferences it unconditionally, so it is always sent whole. */
import type { ExitResult } from '../services/driver-port.js';

export interface ExitResultMsg {
  exit_code: number;
  signal: number;
  oom_killed: boolean;
}

export function exitResultToProto(result: ExitResult | undefined): ExitResultMsg {
  return {
    exit_code: int32(result?.exitCode),
    signal: int32(result?.signal),
    oom_killed: result?.oomKilled === true,
  };
}

export function exitResultFromProto(msg: Partial<ExitResultMsg> | null | undefined): ExitResult {
  return { exitCode: int32(msg?.exit_code), signal: int32(msg?.signal), oomKilled: msg?.oom_killed === true };
}

function int32(value: number | undefined): number {
  return Number.isFinite(value) ? Number(value) | 0 : 0;
}
