import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EMULATOR_BIN } from '../../pot/emulated.js';
import { decideIsolation, type Isolation, type IsolationChoice, type Unavailable } from './isolation.js';

/** Which pot the local runtime drives: the real one, or the built-in emulator. */
export interface Backend {
  kind: 'pot' | 'emulator';
  /** Absolute path of the executable the driver runs, exactly as it would run /usr/local/bin/pot. */
  bin: string;
  /** The emulator's state directory (passed to it as POT_EMULATOR_ROOT). */
  emulatorRoot?: string;
  /** How the emulator runs jails (passed to it as POT_EMULATOR_ISOLATION). */
  isolation?: Isolation;
  /** Why the emulator's jails are not isolated, when `auto` found it cannot. */
  isolationNote?: string;
}

export const REAL_POT = '/usr/local/bin/pot';
export { EMULATOR_BIN };

export interface BackendChoice {
  /** `--pot-bin` or the config file's `pot_bin`. */
  potBin?: string;
  /** `--emulate`. */
  emulate?: boolean;
  /** The config file's `emulator_root`. */
  emulatorRoot?: string;
  env?: NodeJS.ProcessEnv;
  /** Whether a path is an executable file; replaceable in tests. */
  isExecutable?: (path: string) => boolean;
  /** `--isolation` or the config file's `isolation`; `auto` when neither. */
  isolation?: IsolationChoice;
  /** Whether isolated jails are possible here; replaceable in tests. */
  probeIsolation?: () => Unavailable | undefined;
}

/**
 * `--emulate` forces the emulator; an explicit pot binary is used as given; otherwise the real pot when
 * it is installed, and the emulator everywhere else, so the CLI works out of the box on any machine.
 */
export function chooseBackend(choice: BackendChoice = {}): Backend {
  const env = choice.env ?? process.env;
  const isExecutable = choice.isExecutable ?? executable;
  if (!choice.emulate && choice.potBin) return { kind: choice.potBin === EMULATOR_BIN ? 'emulator' : 'pot', bin: choice.potBin };
  if (!choice.emulate && isExecutable(REAL_POT)) return { kind: 'pot', bin: REAL_POT };
  const backend: Backend = { kind: 'emulator', bin: EMULATOR_BIN, emulatorRoot: choice.emulatorRoot ?? env.POT_EMULATOR_ROOT ?? defaultEmulatorRoot(env) };
  // Real pot's jails are jails; only the emulator's are isolated or not.
  const decision = decideIsolation(choice.isolation ?? 'auto', choice.probeIsolation);
  backend.isolation = decision.isolation;
  if (decision.note !== undefined) backend.isolationNote = decision.note;
  return backend;
}

/** Where the emulator keeps its pots when nothing says otherwise; the emulator itself uses the same rule. */
export function defaultEmulatorRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'pot-nomad', 'emulator');
}

/** The one line `run` prints about the backend. */
export function describeBackend(b: Backend): string {
  if (b.kind !== 'emulator') return `Using pot at ${b.bin}`;
  const isolated = b.isolation === 'namespaces' ? '; its jails are isolated with bubblewrap' : '';
  return `Using the built-in pot emulator (${b.bin}); its pots live in ${b.emulatorRoot}${isolated}`;
}

/**
 * The environment pot commands need: the emulator finds its state through POT_EMULATOR_ROOT, learns whether
 * to isolate from POT_EMULATOR_ISOLATION, and forwards an isolated jail's ports on POT_EMULATOR_HOST_IP (the
 * address pot's pf rules would use).
 */
export function backendEnv(b: Pick<Backend, 'emulatorRoot' | 'isolation'>, hostIp?: string): Record<string, string> {
  if (!b.emulatorRoot) return {};
  const env: Record<string, string> = { POT_EMULATOR_ROOT: b.emulatorRoot };
  if (b.isolation !== undefined) env.POT_EMULATOR_ISOLATION = b.isolation;
  if (hostIp !== undefined) env.POT_EMULATOR_HOST_IP = hostIp;
  return env;
}

/** A recorded run's pot environment, for the processes that carry it on (the supervisor, re-adoption). */
export function runBackendEnv(record: { emulatorRoot?: string; isolation?: string; hostIp?: string }): Record<string, string> {
  const isolation = record.isolation === 'namespaces' || record.isolation === 'none' ? record.isolation : undefined;
  return backendEnv({ emulatorRoot: record.emulatorRoot, isolation }, record.emulatorRoot === undefined ? undefined : record.hostIp);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
