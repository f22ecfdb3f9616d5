/**
 * A scripted pot for the driver core's unit tests: records every command line, answers from a small model
 * of pots (which exist, which run, their last-run-stats), and hands out `pot start` processes the test ends.
 */
import { PotCommandError, PotTimeoutError, createPotCommands, type PotRunner, type RunOptions, type RunResult, type SpawnDetachedOptions } from '../../src/pot/index.js';
import type { PipedProcess } from '../../src/driver/exec/piped.js';
import type { TerminalProcess } from '../../src/driver/exec/terminal.js';
import type { TerminalSize } from '../../src/driver/exec/terminal-protocol.js';
import type { PotBackend } from '../../src/driver/pot-backend.js';
import type { NomadTask } from '../../src/driver/types.js';

export const BIN = '/usr/local/bin/pot';
export const ALLOC_ID = '5bd8bb4b-0b1a-6f2e-4d9e-3c2a1b0f9e8d';
export const TASK_ID = `${ALLOC_ID}/web/7f3e9a1c`;
export const POT_NAME = `web_7f3e9a1c_${ALLOC_ID}`;
export const RAW_CONFIG = { image: 'https://potluck.example/nginx', pot: 'nginx-amd64-14_1', tag: '1.0.2', command: 'nginx', args: ['-g', "'daemon off;'"] };

export function nomadTask(overrides: Partial<NomadTask> = {}): NomadTask {
  return {
    id: TASK_ID,
    allocId: ALLOC_ID,
    taskName: 'web',
    jobName: 'example',
    jobId: 'example',
    groupName: 'group',
    namespace: 'default',
    env: { NOMAD_TASK_NAME: 'web', NOMAD_ALLOC_ID: ALLOC_ID },
    resources: { cpuShares: 100, memoryMB: 64, memoryMaxMB: 0 },
    allocDir: `/var/tmp/nomad/alloc/${ALLOC_ID}`,
    stdoutPath: '/var/tmp/nomad/alloc/logs/.web.stdout.fifo',
    stderrPath: '/var/tmp/nomad/alloc/logs/.web.stderr.fifo',
    ...overrides,
  };
}

export interface Reply {
  exitCode?: number;
  stdout?: string;
  stderr?: string;
}

/** Answers one command (args without the binary); return undefined to use the default model. */
export type Script = (args: string[], opts: RunOptions) => Reply | Error | undefined | Promise<Reply | Error | undefined>;

export interface FakeStart {
  args: string[];
  opts: SpawnDetachedOptions;
  pid: number;
  /** Ends `pot start` with this status. */
  end(exitCode: number): void;
}

export class FakePot {
  /** Every short command, args without the binary, in order. */
  readonly calls: string[][] = [];
  readonly callOptions: RunOptions[] = [];
  /** The binary each command was run with. */
  readonly bins: string[] = [];
  readonly starts: FakeStart[] = [];
  /** Pots that exist (`ls -q`). */
  readonly pots = new Set<string>();
  /** Jails that run (`info -r`). */
  readonly running = new Set<string>();
  /** Live pids (`processAlive`). */
  readonly alive = new Set<number>();
  /** `last-run-stats` records; absent means `{}`. */
  readonly lastRun = new Map<string, number>();
  /** Signals sent with `signalGroup`. */
  readonly groupSignals: Array<[number, string]> = [];
  script: Script = () => undefined;
  piped: (args: readonly string[]) => PipedProcess = () => {
    throw new Error('no piped process scripted');
  };
  terminal: (args: readonly string[], size: TerminalSize) => TerminalProcess = () => {
    throw new Error('no terminal scripted');
  };
  version = '0.16.0';
  #nextPid = 40_000;

  /** Commands whose subcommand is one of these. */
  callsOf(...subcommands: string[]): string[][] {
    return this.calls.filter((c) => subcommands.includes(c[0] ?? ''));
  }

  backend(bin = BIN): PotBackend {
    const runner: PotRunner = {
      bin,
      run: (args, opts = {}) => this.#run(bin, args, opts),
      check: async (args, opts) => {
        const result = await this.#run(bin, args, opts ?? {});
        if (result.exitCode !== 0) throw new PotCommandError(result.argv, result.exitCode, result.stdout, result.stderr);
        return result;
      },
    };
    return {
      bin,
      runner,
      commands: createPotCommands(runner),
      spawnDetached: async (args, opts) => {
        let resolveExit!: (v: { exitCode: number | null; signal: string | null }) => void;
        const exited = new Promise<{ exitCode: number | null; signal: string | null }>((resolve) => (resolveExit = resolve));
        const pid = this.#nextPid++;
        const name = args[1] ?? '';
        this.alive.add(pid);
        this.running.add(name);
        this.starts.push({
          args,
          opts,
          pid,
          end: (exitCode) => {
            this.alive.delete(pid);
            this.running.delete(name);
            resolveExit({ exitCode, signal: null });
          },
        });
        return { pid, exited };
      },
      spawnPiped: (args) => this.piped(args),
      spawnTerminal: (args, size) => this.terminal(args, size),
      processAlive: (pid) => this.alive.has(pid),
      signalGroup: (pgid, signal) => void this.groupSignals.push([pgid, signal]),
    };
  }

  /** The `pot start` for a pot, when there is one. */
  startOf(name: string): FakeStart | undefined {
    return this.starts.find((s) => s.args[1] === name);
  }

  async #run(bin: string, args: string[], opts: RunOptions): Promise<RunResult> {
    this.calls.push([...args]);
    this.callOptions.push(opts);
    this.bins.push(bin);
    const scripted = await this.script(args, opts);
    if (scripted instanceof Error) throw scripted;
    const reply = scripted ?? this.#model(args);
    return { argv: [bin, ...args], exitCode: reply.exitCode ?? 0, stdout: reply.stdout ?? '', stderr: reply.stderr ?? '' };
  }

  #model(args: string[]): Reply {
    const name = valueOf(args, '-p') ?? '';
    switch (args[0]) {
      case 'prepare':
        this.pots.add(`${valueOf(args, '-n')}_${valueOf(args, '-a')}`.replace(/\./g, '_'));
        return {};
      case 'ls':
        return { stdout: [...this.pots].map((p) => `${p}\n`).join('') };
      case 'info':
        if (!this.pots.has(name)) return { exitCode: 1, stdout: `###>  ${name} is not a pot\n` };
        return { exitCode: this.running.has(name) ? 0 : 1 };
      case 'last-run-stats': {
        if (!this.pots.has(name)) return { exitCode: 1, stdout: `###>  ${name} is not a pot\n` };
        const code = this.lastRun.get(name);
        return { stdout: code === undefined ? '{}\n' : `{ "ExitCode": ${code} }\n` };
      }
      case 'destroy': {
        if (!this.pots.has(name)) return { exitCode: 1, stdout: `###>  Pot ${name} not found\n` };
        this.pots.delete(name);
        this.running.delete(name);
        return {};
      }
      case 'signal':
        return this.running.has(name) ? {} : { exitCode: 1, stdout: '###>  The pot is not running\n' };
      case 'get-rss':
        return { stdout: '{ "ResourceUsage": { "MemoryStats": { "RSS" : 1048576, "Swap" : 0 }, "CpuStats": { "TotalTicks": .480, "Percent": 12 } } } \n' };
      case 'version':
        return { stdout: `pot version: ${this.version}\n` };
      default:
        return {};
    }
  }
}

export function valueOf(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

export function timeoutError(args: string[], ms: number): PotTimeoutError {
  return new PotTimeoutError([BIN, ...args], ms);
}

/** A signal that never fires. */
export const NEVER = new AbortController().signal;
