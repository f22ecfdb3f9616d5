/** The benchmark's command line and environment knobs, read once and checked before anything runs. */
import type { SectionId } from './report.js';

export interface BenchOptions {
  only: SectionId[];
  /** BENCH_RUNS: runs per figure for every section; undefined keeps each section's own default. */
  runs: number | undefined;
  /** BENCH_TASKS: tasks started through the plugin. */
  tasks: number;
  /** BENCH_RUN_TASKS: tasks started by one `run -d`. */
  runTasks: number;
  json: boolean;
  /** --out: the directory the text and JSON reports are written to; undefined for the default. */
  outDir: string | undefined;
}

export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

const SECTIONS: readonly SectionId[] = ['cli', 'local', 'plugin'];

export function benchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BenchOptions {
  let json = false;
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--out' || arg.startsWith('--out=')) {
      const dir = arg === '--out' ? argv[++i] : arg.slice('--out='.length);
      if (!dir) throw new BenchUsageError('--out needs a directory');
      outDir = dir;
    } else throw new BenchUsageError(`unknown argument "${arg}"; the benchmark takes --json and --out <dir>`);
  }
  return {
    only: sections(env.BENCH_ONLY),
    runs: env.BENCH_RUNS === undefined || env.BENCH_RUNS === '' ? undefined : positiveInt('BENCH_RUNS', env.BENCH_RUNS),
    tasks: env.BENCH_TASKS === undefined || env.BENCH_TASKS === '' ? 100 : positiveInt('BENCH_TASKS', env.BENCH_TASKS),
    runTasks: env.BENCH_RUN_TASKS === undefined || env.BENCH_RUN_TASKS === '' ? 50 : positiveInt('BENCH_RUN_TASKS', env.BENCH_RUN_TASKS),
    json,
    outDir,
  };
}

/** A comma-separated list, run in the report's order whatever the order given. */
function sections(value: string | undefined): SectionId[] {
  if (value === undefined || value === '') return [...SECTIONS];
  const wanted = value.split(',').map((s) => s.trim());
  const unknown = wanted.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new BenchUsageError(`BENCH_ONLY="${value}": use one or more of ${SECTIONS.join(', ')}, separated by commas`);
  return SECTIONS.filter((s) => wanted.includes(s));
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BenchUsageError(`${name}="${value}" is not a whole number above 0`);
  return n;
}
