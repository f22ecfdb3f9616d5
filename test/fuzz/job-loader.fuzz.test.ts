/**
 * The job loader as `validate` runs it (parse, evaluate, decode the job, build the allocations and check
 * every pot task's config) fed with mutated job files and with pathological ones: each input must load or
 * be refused with a JobFileError carrying its diagnostics, never throw anything else, and finish quickly.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { JobContext } from '../../src/cli/job-context.js';
import { JobFileError } from '../../src/hcl/source.js';
import { HANG_GUARD_MS, preview, runCases, timed } from './cases.js';
import { JOB_FIXTURES, validateFile, validateSource } from './corpus.js';
import {
  copyRun,
  deleteRun,
  deleteToken,
  duplicateToken,
  insertFragment,
  mutate,
  replaceChar,
  spliceFrom,
  truncateText,
  type Mutation,
} from './mutate.js';
import { fuzzSeed, type Random } from './random.js';

const SEED = fuzzSeed(0x5eed_10ad);
const CASES = 1500;
const TEXTS = JOB_FIXTURES.map((f) => f.text);

/** The input loads, or is refused with a JobFileError whose diagnostics all say something. */
function assertHandled(outcome: { value?: JobContext; error?: unknown }): void {
  if (outcome.error === undefined) {
    assert.ok(outcome.value?.loaded.job, 'loaded without a job');
    return;
  }
  const err = outcome.error;
  if (!(err instanceof JobFileError)) {
    const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
    assert.fail(`threw ${err instanceof Error ? err.constructor.name : typeof err} instead of a JobFileError: ${stack}`);
  }
  assert.ok(err.message.trim().length > 0, 'a JobFileError without a message');
  assert.ok(err.diagnostics.some((d) => d.severity === 'error'), 'a JobFileError without an error diagnostic');
  for (const d of err.diagnostics) assert.ok(d.summary.trim().length > 0, `a diagnostic without a summary: ${JSON.stringify(d)}`);
}

function check(source: string): void {
  const outcome = timed(() => validateSource(source));
  assertHandled(outcome);
  assert.ok(outcome.ms <= HANG_GUARD_MS, `took ${Math.round(outcome.ms)} ms`);
}

/** The only error `source` may produce, with its first error diagnostic. */
function refusal(source: string): { summary: string; detail?: string } {
  const outcome = timed(() => validateSource(source));
  assertHandled(outcome);
  assert.ok(outcome.ms <= HANG_GUARD_MS, `took ${Math.round(outcome.ms)} ms`);
  assert.ok(outcome.error instanceof JobFileError, `expected a refusal of ${preview(source, 120)}`);
  const first = outcome.error.diagnostics.find((d) => d.severity === 'error')!;
  return first.detail === undefined ? { summary: first.summary } : { summary: first.summary, detail: first.detail };
}

const FRAGMENTS = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '~}', '<<EOF\n', '<<-EOT\n', 'EOF\n', '\n', ',', '=', '.', '*', '...',
  '?', ':', '=>', 'for', 'in', 'if', '#', '//', '/*', '*/', '\\', '$$', '%%', '\t', 'é', '\ud83d', '0', '-1', '1e308', '1e309', '!',
  'null', 'true', '"x"', 'var.', 'local.', 'dynamic', 'content', 'count', 'driver = "pot"', 'config {}', 'task "t" {', 'group "g" {',
  '${NOMAD_ALLOC_ID}', '${attr.kernel.name}', '[*]', 'length(', 'format("%s",', 'jsondecode(', 'tostring(', 'upper(', '\0', '\ufeff'];

/** Encodes to UTF-8, damages one byte and decodes leniently, as a caller reading with 'utf8' would: bad sequences become U+FFFD. */
const damageUtf8: Mutation<string> = (text, random) => {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return text;
  bytes[random.int(bytes.length)] = random.pick([0x00, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf8, 0xff]);
  return bytes.toString('utf8');
};

const MUTATIONS: readonly Mutation<string>[] = [
  deleteRun(12),
  insertFragment(FRAGMENTS),
  copyRun(40),
  spliceFrom(TEXTS, 300),
  replaceChar,
  deleteToken,
  duplicateToken,
  truncateText,
  damageUtf8,
];

function mutatedJob(random: Random): string {
  return mutate(random.pick(TEXTS), random, MUTATIONS, 4);
}

const work = mkdtempSync(path.join(tmpdir(), 'pn-fuzz-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A valid pot job whose task has `extra` in its body and `configExtra` in its config block. */
function potJob(extra: string, configExtra = '', before = ''): string {
  return `${before}job "fuzz" {
  group "g" {
    task "t" {
      driver = "pot"
      config {
        image = "https://potluck.example/registry"
        pot   = "p-amd64-14_1"
        tag   = "1.0"
        ${configExtra}
      }
      ${extra}
    }
  }
}
`;
}

/** The env of the job's only task, for checking values that did load. */
function taskEnv(ctx: JobContext): Record<string, string> {
  return ctx.loaded.job.groups[0]!.tasks[0]!.env;
}

const TOO_DEEP = {
  summary: 'Nesting too deep',
  detail:
    'Blocks, brackets, parentheses, template sequences, operators and attribute or index steps may be nested at most 256 levels deep; the content nested deeper than that was skipped.',
};

describe('job loader fuzz', () => {
  it('loads every fixture unchanged as it loads in the CLI tests (valid ones load, invalid ones are refused)', () => {
    for (const { name, text, valid } of JOB_FIXTURES) {
      const outcome = timed(() => validateSource(text, name));
      assertHandled(outcome);
      assert.equal(outcome.error === undefined, valid, name);
    }
  });

  it(`handles ${CASES} mutated job files with a result or a JobFileError`, async () => {
    await runCases({ name: 'job loader', seed: SEED, count: CASES, generate: mutatedJob, check });
  });
});

describe('job loader on pathological input', () => {
  it('refuses a 5 MiB file, read from disk, with the size limit in the message', () => {
    const file = path.join(work, 'big.nomad.hcl');
    const job = potJob('');
    writeFileSync(file, `${job}#${'x'.repeat(5 * 1024 * 1024 - job.length - 2)}\n`);
    const outcome = timed(() => validateFile(file));
    assertHandled(outcome);
    assert.ok(outcome.error instanceof JobFileError);
    assert.deepEqual(outcome.error.diagnostics, [{
      severity: 'error',
      summary: 'File too large',
      detail: 'This file is 5242880 bytes long, more than the 4194304 bytes that are accepted.',
      range: { filename: file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
    }]);
    assert.ok(outcome.ms <= HANG_GUARD_MS);
  });

  it('refuses nesting 100,000 deep, of brackets, braces, blocks and calls', () => {
    assert.deepEqual(refusal(`a = ${'['.repeat(100_000)}\n`), TOO_DEEP);
    assert.deepEqual(refusal(potJob(`meta = ${'{a = '.repeat(100_000)}`)), TOO_DEEP);
    assert.deepEqual(refusal(`${'b {\n'.repeat(100_000)}`), TOO_DEEP);
    assert.deepEqual(refusal(potJob(`env { A = ${'upper('.repeat(100_000)}"x"${')'.repeat(100_000)} }`)), TOO_DEEP);
    assert.deepEqual(refusal(potJob(`env { A = "${'${"'.repeat(30_000)} }`)).summary, 'Invalid multi-line string');
  });

  it('refuses long chains of operators and traversal steps before evaluation could overflow the stack', () => {
    assert.deepEqual(refusal(potJob(`env {\n A = ${'1 + '.repeat(100_000)}1\n }`)), TOO_DEEP);
    assert.deepEqual(refusal(potJob(`env {\n A = [1]${'[0]'.repeat(100_000)}\n }`)), TOO_DEEP);
    assert.deepEqual(refusal(potJob(`env {\n A = local${'.x'.repeat(100_000)}\n }`)), TOO_DEEP);
    assert.deepEqual(refusal(potJob(`env {\n A = ${'-'.repeat(100_000)}1\n }`)), TOO_DEEP);
    // Just inside the limit, the value is computed.
    const sum = validateSource(potJob(`env {\n A = ${'1 + '.repeat(250)}1\n B = upper(${'lower('.repeat(200)}"x"${')'.repeat(200)})\n }`));
    assert.deepEqual(taskEnv(sum), { A: '251', B: 'X' });
  });

  it('refuses locals that refer to each other in a chain too long to evaluate', () => {
    const n = 3000;
    const chain = Array.from({ length: n }, (_, i) => (i === n - 1 ? `  a${i} = 1` : `  a${i} = local.a${i + 1} + 1`)).join('\n');
    assert.deepEqual(refusal(potJob('env {\n A = local.a0\n }', '', `locals {\n${chain}\n}\n`)), {
      summary: 'Nesting too deep',
      detail: 'This file nests values, or references between them, too deeply to be evaluated.',
    });
  });

  it('refuses a config value nested deeper than any driver config', () => {
    const deep = `${'['.repeat(40)}"x"${']'.repeat(40)}`;
    assert.deepEqual(refusal(potJob('', `args = ${deep}`)), {
      summary: 'Value nested too deeply',
      detail: 'The value of "args" is nested more than 32 levels deep, more than any driver config accepts.',
    });
  });

  it('refuses a count no Go integer holds instead of building that many allocations', () => {
    assert.deepEqual(refusal(potJob('').replace('group "g" {', 'group "g" {\n    count = 1e300')), {
      summary: 'Unsuitable value type',
      detail: 'Unsuitable value: value must be a whole number, between -9223372036854775808 and 9223372036854775807',
    });
  });

  it('takes a 1,000,000-character identifier and a 3 MiB string in its stride', () => {
    const name = 'a'.repeat(1_000_000);
    const env = taskEnv(validateSource(potJob(`env {\n ${name} = "v"\n B = "${'x'.repeat(3 * 1024 * 1024)}"\n }`)));
    assert.deepEqual(Object.keys(env).map((k) => k.length), [1_000_000, 1]);
    assert.equal(env.B?.length, 3 * 1024 * 1024);
    check(potJob(`env {\n A = ${name}\n }`));
  });

  it(
    'refuses a 1,000,000-character unknown argument name quickly',
    () => {
      assert.equal(refusal(potJob('').replace('group "g" {', `group "g" {\n    ${'k'.repeat(1_000_000)} = 1`)).summary, 'Unsupported argument');
    },
  );

  it('refuses unterminated templates and heredocs', () => {
    for (const value of ['"${', '"${upper("x")', '"%{if true}', '"${"${"${', '"%{ for x in [1] }']) {
      const { summary } = refusal(potJob(`env {\n A = ${value}\n }`));
      assert.ok(['Invalid multi-line string', 'Unterminated template string'].includes(summary), `${value}: ${summary}`);
    }
    assert.equal(refusal(potJob('env {\n A = <<EOF\nno end marker\n }')).summary, 'Unterminated template string');
    assert.equal(refusal(`job "x" {\n  meta = <<-EOT\n  text`).summary, 'Unterminated template string');
  });

  it('refuses invalid UTF-8 read from disk at its line, and takes NUL bytes without crashing', () => {
    const job = Buffer.from(potJob('env {\n A = "@"\n }'));
    const at = job.indexOf('@');
    const line = job.subarray(0, at).toString().split('\n').length;
    const replaced = (bytes: number[]): Buffer => Buffer.concat([job.subarray(0, at), Buffer.from(bytes), job.subarray(at + 1)]);
    const file = path.join(work, 'bytes.nomad.hcl');
    const load = (bytes: Buffer): { ms: number; value?: JobContext; error?: unknown } => {
      writeFileSync(file, bytes);
      const outcome = timed(() => validateFile(file));
      assertHandled(outcome);
      assert.ok(outcome.ms <= HANG_GUARD_MS);
      return outcome;
    };
    const badEncoding: Array<[string, Buffer, number]> = [
      ['a lone continuation byte', replaced([0x80]), line],
      ['a truncated sequence', replaced([0xe2, 0x82]), line],
      ['0xff 0xfe at the start', Buffer.concat([Buffer.from([0xff, 0xfe]), job]), 1],
      ['an overlong encoding in a label', Buffer.concat([Buffer.from('job "'), Buffer.from([0xc0, 0xaf]), job.subarray(5)]), 1],
      ['a UTF-16 surrogate encoded in UTF-8', replaced([0xed, 0xa0, 0x80]), line],
    ];
    for (const [what, bytes, errorLine] of badEncoding) {
      const { error } = load(bytes);
      assert.ok(error instanceof JobFileError, what);
      assert.deepEqual(error.diagnostics.map((d) => [d.summary, d.range?.start.line, d.range?.start.column]), [['Invalid character encoding', errorLine, 1]], what);
    }
    // NUL is valid UTF-8: inside a string it is a value for later checks to judge, between tokens a syntax error.
    load(replaced([0]));
    const { error } = load(Buffer.concat([Buffer.from([0]), job]));
    assert.ok(error instanceof JobFileError);
    assert.equal(error.diagnostics[0]?.summary, 'Invalid character');
  });
});
