import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Which pot the local runtime drives: the real one, or the built-in emulator. */
export interface Backend {
  kind: 'pot' | 'emulator';
  /** Absolute path of the executable the driver runs, exactly as it would run /usr/local/bin/pot. */
  bin: string;
  /** The emulator's state directory (passed to it as POT_EMULATOR_ROOT). */
  emulatorRoot?: string;
}

export const REAL_POT = '/usr/local/bin/pot';
export const EMULATOR_BIN = fileURLToPath(new URL('../../../../bin/pot-emulator.js', import.meta.url));

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
  return { kind: 'emulator', bin: EMULATOR_BIN, emulatorRoot: choice.emulatorRoot ?? env.POT_EMULATOR_ROOT ?? defaultEmulatorRoot(env) };
}

/** Where the emulator keeps its pots when nothing says otherwise; the emulator itself uses the same rule. */
export function defaultEmulatorRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'pot-nomad', 'emulator');
}

/** The one line `run` prints about the backend. */
export function describeBackend(b: Backend): string {
  return b.kind === 'emulator'
    ? `Using the built-in pot emulator (${b.bin}); its pots live in ${b.emulatorRoot}`
    : `Using pot at ${b.bin}`;
}

/** The environment pot commands need: the emulator finds its state through POT_EMULATOR_ROOT. */
export function backendEnv(b: Backend): Record<string, string> {
  return b.emulatorRoot ? { POT_EMULATOR_ROOT: b.emulatorRoot } : {};
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
