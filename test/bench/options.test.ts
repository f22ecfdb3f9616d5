import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchOptions, BenchUsageError } from '../../bench/options.js';

describe('benchOptions', () => {
  it('runs every section with each one its own run count when nothing is set', () => {
    assert.deepEqual(benchOptions([], {}), { only: ['cli', 'local', 'plugin'], runs: undefined, tasks: 100, runTasks: 50, json: false, outDir: undefined });
  });

  it('reads the knobs and the flags', () => {
    const env = { BENCH_ONLY: 'plugin, cli', BENCH_RUNS: '3', BENCH_TASKS: '20', BENCH_RUN_TASKS: '7' };
    assert.deepEqual(benchOptions(['--json', '--out', 'here'], env), { only: ['cli', 'plugin'], runs: 3, tasks: 20, runTasks: 7, json: true, outDir: 'here' });
    assert.equal(benchOptions(['--out=there'], {}).outDir, 'there');
  });

  it('treats an empty variable as unset', () => {
    assert.deepEqual(benchOptions([], { BENCH_ONLY: '', BENCH_RUNS: '' }).only, ['cli', 'local', 'plugin']);
  });

  it('refuses what it does not know', () => {
    assert.throws(() => benchOptions([], { BENCH_ONLY: 'cli,soak' }), new BenchUsageError('BENCH_ONLY="cli,soak": use one or more of cli, local, plugin, separated by commas'));
    assert.throws(() => benchOptions([], { BENCH_RUNS: '0' }), new BenchUsageError('BENCH_RUNS="0" is not a whole number above 0'));
    assert.throws(() => benchOptions([], { BENCH_TASKS: '2.5' }), new BenchUsageError('BENCH_TASKS="2.5" is not a whole number above 0'));
    assert.throws(() => benchOptions(['--out'], {}), new BenchUsageError('--out needs a directory'));
    assert.throws(() => benchOptions(['--csv'], {}), new BenchUsageError('unknown argument "--csv"; the benchmark takes --json and --out <dir>'));
  });
});
