import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { trackDir, trackRoot } from '../helpers/reaper.js';

/** The launcher under test, called by path with an argv array as the driver calls /usr/local/bin/pot. */
export const EMULATOR = fileURLToPath(new URL('../../../bin/pot-emulator.js', import.meta.url));

export interface Result {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Running {
  readonly pid: number;
  readonly done: Promise<Result>;
}

/** A fresh state root per test file; `cleanup` removes it. */
export function tempRoot(prefix: string): { root: string; cleanup: () => void } {
  const root = trackDir(trackRoot(mkdtempSync(join(tmpdir(), `pot-emulator-${prefix}-`))));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Starts the emulator without waiting (for the blocking `pot start`). */
export function spawnPot(root: string, args: readonly string[], extraEnv: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [EMULATOR, ...args], {
    env: { ...process.env, ...extraEnv, POT_EMULATOR_ROOT: root },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<Result>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { pid: child.pid as number, done };
}

export function pot(root: string, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<Result> {
  return spawnPot(root, args, extraEnv).done;
}

/** Polls until `check` holds; false once `timeoutMs` passed (callers assert on the result, not on time). */
export async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** prepare as the driver calls it (`-c` wrapped in literal double quotes, `-v`). */
export function prepareArgs(task: string, alloc: string, command: string, extra: readonly string[] = []): string[] {
  return ['prepare', '-U', 'https://potluck.example/img', '-p', 'img-amd64-14_1', '-t', '1.0.2', '-c', `"${command}"`, ...extra, '-a', alloc, '-n', task, '-v'];
}

/** A zombie counts as dead (it only waits for an init process that may reap it late). */
export { processAlive as isAlive } from '../../src/driver/process-alive.js';
