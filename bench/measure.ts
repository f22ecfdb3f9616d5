import { spawnSync } from 'node:child_process';

export interface Sample {
  name: string;
  argv: string[];
  millis: number[];
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs each command `runs` times, interleaved round by round, so that a noisy neighbour slows every
 * command alike and the ratios stay meaningful. A failing command aborts the benchmark.
 */
export function timeCommands(commands: { name: string; argv: string[]; env?: NodeJS.ProcessEnv }[], runs: number): Sample[] {
  const samples = commands.map((c) => ({ name: c.name, argv: c.argv, millis: [] as number[] }));
  for (let round = 0; round < runs; round++) {
    commands.forEach((c, i) => {
      const start = process.hrtime.bigint();
      const r = spawnSync(c.argv[0]!, c.argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env: c.env ?? process.env });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0) throw new Error(`${c.argv.join(' ')} exited ${r.status}: ${r.stderr?.toString()}`);
      samples[i]!.millis.push(ms);
    });
  }
  return samples;
}
