/**
 * A pot executable for tests that writes down every argv it receives, one JSON array per line, before doing
 * anything else. On its own it answers just enough for a task to be built, started, ended and removed: every
 * command succeeds, `pot start` returns at once as a command that exited 0 would, and nothing exists or runs.
 * Given the emulator, it hands the same argv to the emulator in the same process (as bin/pot-emulator.js does),
 * so pot's real checks and state apply.
 */
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STUB_ANSWERS } from '../helpers/wrapped-pot.js';

export interface RecordingPot {
  /** The executable, for `--pot-bin` or `pot_bin`. */
  bin: string;
  /** Every argv so far (without the binary), in the order pot was called. */
  calls(): string[][];
}

export interface RecordingOptions {
  /** bin/pot-emulator.js: pass every call on to it. */
  emulator?: string;
  /** POT_EMULATOR_ROOT for the emulator, whatever environment the caller gives pot. */
  emulatorRoot?: string;
}

export function writeRecordingPot(dir: string, opts: RecordingOptions = {}): RecordingPot {
  const bin = join(dir, 'recording-pot.cjs');
  const log = join(dir, 'pot-calls.jsonl');
  writeFileSync(log, '');
  writeFileSync(bin, script(log, opts));
  chmodSync(bin, 0o755);
  return {
    bin,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as string[]),
  };
}

function script(log: string, opts: RecordingOptions): string {
  const head = `#!${process.execPath}
'use strict';
const args = process.argv.slice(2);
require('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
`;
  if (opts.emulator !== undefined) {
    return `${head}process.env.POT_EMULATOR_ROOT = ${JSON.stringify(opts.emulatorRoot ?? '')};
import(${JSON.stringify(opts.emulator)});
`;
  }
  return `${head}${STUB_ANSWERS}`;
}

/**
 * The recorded calls: the planned start phase, then the removal once the task has ended; in between, around and
 * before them only read-only questions about this pot (or the list of pots).
 */
export function assertCallsFollowPlan(calls: readonly string[][], start: readonly string[][], potName: string): void {
  const questions = [['ls', '-q'], ['last-run-stats', '-p', potName], ['info', '-r', '-p', potName], ['version']];
  const isQuestion = (argv: readonly string[]): boolean => ['ls', 'last-run-stats', 'info', 'version', 'get-rss'].includes(argv[0] ?? '');
  assert.deepEqual(
    calls.filter((argv) => !isQuestion(argv)),
    [...start.map((argv) => argv.slice(1)), ['destroy', '-p', potName, '-F']],
  );
  for (const argv of calls.filter(isQuestion)) {
    assert.ok(questions.some((q) => JSON.stringify(q) === JSON.stringify(argv)), `unexpected call ${JSON.stringify(argv)}`);
  }
}
