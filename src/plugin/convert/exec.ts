/** ExecTaskStreaming messages ⇄ exec input and output. */
import type { ExecInput, ExitResult } from '../services/driver-port.js';
import { exitResultToProto, type ExitResultMsg } from './exit-result.js';

export interface ExecIoMsg {
  data: Uint8Array;
  close: boolean;
}

export interface ExecStreamingRequestMsg {
  setup: { task_id: string; command: string[]; tty: boolean } | null;
  tty_size: { height: number; width: number } | null;
  stdin: ExecIoMsg | null;
}

export type ExecStreamingResponseMsg =
  | { stdout: ExecIoMsg }
  | { stderr: ExecIoMsg }
  | { exited: true; result: ExitResultMsg };

/** What one client message asks for; nothing for the empty heartbeats that keep the stream alive. */
export function execInputFromProto(msg: Partial<ExecStreamingRequestMsg>): ExecInput[] {
  const inputs: ExecInput[] = [];
  if (msg.tty_size) inputs.push({ resize: { height: msg.tty_size.height | 0, width: msg.tty_size.width | 0 } });
  if (msg.stdin) {
    if (msg.stdin.data && msg.stdin.data.byteLength > 0) inputs.push({ stdin: msg.stdin.data });
    if (msg.stdin.close) inputs.push({ stdinClosed: true });
  }
  return inputs;
}

export function execOutputToProto(stream: 'stdout' | 'stderr', data: Uint8Array): ExecStreamingResponseMsg {
  const io = { data, close: false };
  return stream === 'stdout' ? { stdout: io } : { stderr: io };
}

export function execCloseToProto(stream: 'stdout' | 'stderr'): ExecStreamingResponseMsg {
  const io = { data: new Uint8Array(0), close: true };
  return stream === 'stdout' ? { stdout: io } : { stderr: io };
}

export function execExitedToProto(result: ExitResult): ExecStreamingResponseMsg {
  return { exited: true, result: exitResultToProto(result) };
}
