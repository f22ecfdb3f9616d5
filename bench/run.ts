import { fileURLToPath } from 'node:url';
import { median, timeCommands } from './measure.js';
import { pluginFigures } from './plugin.js';
import { pluginText } from './plugin-report.js';
import { localRunFigures } from './local-run.js';
import { localRunText } from './local-run-report.js';

/**
 * `npm run bench`: every figure next to its baseline from the same run, as medians, and as ratios so
 * they compare across machines. `--json` prints the same report as one JSON document.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}bin/pot-nomad.js`;
const node = process.execPath;
const runs = Number(process.env.BENCH_RUNS ?? 15);

// BENCH_ONLY=local: the local-runtime section alone.
if (process.env.BENCH_ONLY === 'local') {
  const local_run = await localRunFigures();
  const out = process.argv.includes('--json') ? `${JSON.stringify({ node: process.version, local_run }, null, 2)}\n` : localRunText(local_run);
  process.stdout.write(out);
  process.exit(0);
}

const cliSamples = timeCommands(
  [
    { name: 'node -e 0', argv: [node, '-e', '0'] },
    { name: 'pot-nomad --help', argv: [node, cli, '--help'] },
    { name: 'pot-nomad plan (seed job)', argv: [node, cli, 'plan', `${root}fixtures/jobs/nginx.hcl`, '-o', 'json'] },
    { name: 'pot-nomad validate (seed job)', argv: [node, cli, 'validate', `${root}fixtures/jobs/nginx.hcl`] },
  ],
  runs,
);

const baseline = median(cliSamples[0]!.millis);
const figures = cliSamples.map((s) => ({
  name: s.name,
  runs: s.millis.length,
  median_ms: round(median(s.millis)),
  ratio_to_node: round(median(s.millis) / baseline),
}));
const targets: Record<string, number> = { 'pot-nomad --help': 1.5, 'pot-nomad plan (seed job)': 3 };

const json = process.argv.includes('--json');
if (!json) {
  process.stdout.write(`CLI start-up (${runs} runs each, interleaved; baseline: node -e 0, ${process.version})\n`);
  for (const f of figures) {
    const target = targets[f.name];
    const verdict = target === undefined ? '' : f.ratio_to_node <= target ? `  (target <= ${target}: met)` : `  (target <= ${target}: MISSED)`;
    process.stdout.write(`  ${f.name.padEnd(32)} median ${String(f.median_ms).padStart(8)} ms   ratio ${f.ratio_to_node.toFixed(2)}${verdict}\n`);
  }
}
const local_run = await localRunFigures();
if (!json) process.stdout.write(localRunText(local_run));
const plugin = await pluginFigures();
if (json) {
  process.stdout.write(`${JSON.stringify({ node: process.version, baseline: 'node -e 0', figures, targets, local_run, plugin }, null, 2)}\n`);
} else {
  process.stdout.write(pluginText(plugin));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
