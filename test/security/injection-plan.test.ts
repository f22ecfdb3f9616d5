/**
 * `plan` and `validate` with payloads in every field of a pot task: each value that pot can take reaches it as
 * exactly one argument, unchanged; what pot would misread is refused with its message; the printed shell lines,
 * pasted into a shell, give pot the same argv; and nothing runs on the way.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { NUL_PROBLEM } from '../../src/driver/config.js';
import { TASK_NAME_RULE } from '../../src/driver/pot-name.js';
import { runCli } from '../helpers/cli.js';
import { blankFree, hclString, hostilePayloads, IMAGE, newCanary, NUL_PAYLOAD } from './hostile-inputs.js';
import { expectedStart, jobText, payloadTask, potNameOf, type PayloadTask } from './payload-task.js';

const ALLOC = '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f';
const INV = '0a1b2c3d';
const DATA_DIR = '/var/tmp/nomad';
const ALLOC_DIR = `${DATA_DIR}/alloc/${ALLOC}`;
const P = '/usr/local/bin/pot';

const canary = newCanary();
const work = mkdtempSync(join(tmpdir(), 'pn-sec-plan-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(canary.dir, { recursive: true, force: true });
});

const payloads = hostilePayloads(canary.path);
const byId = (id: string): string => payloads.find((p) => p.id === id)!.value;
// Every character a task name may have: the others are refused (see the test of names below).
const NAME = 'a.b-c_D9';

const main: PayloadTask = {
  ...payloadTask('payloads', payloads, blankFree(payloads), '/srv', { entries: 'each', copyIntoPayloads: true }),
  image: byId('subst'),
  pot: byId('force'),
  tag: byId('newline'),
  command: byId('semicolon'),
};
const named: PayloadTask = { ...payloadTask(NAME, [], [], '/srv', { entries: 'each' }), args: [byId('backtick')] };

function writeJob(name: string, text: string): string {
  const path = join(work, `${name}.nomad.hcl`);
  writeFileSync(path, text);
  return path;
}

interface PlannedTask {
  task: string;
  pot_name: string;
  invocation_id: string;
  env: Record<string, string>;
  start: string[][];
  stop: string[][];
  kill: string[][];
}

function planJson(jobPath: string): PlannedTask[] {
  const r = runCli(['plan', '-o', 'json', jobPath, '--alloc-id', ALLOC, '--invocation-id', INV, '--data-dir', DATA_DIR]);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  return (JSON.parse(r.stdout) as { tasks: PlannedTask[] }).tasks;
}

interface ValidateDoc {
  valid: boolean;
  errors: { summary: string; path: string }[];
}

function validateJson(jobPath: string): ValidateDoc {
  const r = runCli(['validate', '-o', 'json', jobPath]);
  return JSON.parse(r.stdout) as ValidateDoc;
}

describe('plan with hostile values', () => {
  const jobPath = writeJob('accepted', jobText('hostile', [main, named]));
  let cached: PlannedTask[] | undefined;
  const planned = (): PlannedTask[] => (cached ??= planJson(jobPath));

  it('hands pot every value as exactly one argument, unchanged, and runs nothing', () => {
    const [t, n] = planned();
    assert.ok(t !== undefined && n !== undefined);
    assert.equal(t.invocation_id, INV);
    assert.equal(n.invocation_id, INV);

    for (const p of payloads) {
      assert.equal(t.env[`P_${p.id}`], p.value, `env P_${p.id}`);
      assert.equal(t.env[`NOMAD_META_${p.id}`], p.value, `meta ${p.id}`);
      assert.equal(t.env[`NOMAD_META_${p.id.toUpperCase()}`], p.value, `meta ${p.id.toUpperCase()}`);
    }
    const potName = potNameOf('payloads', INV, ALLOC);
    assert.equal(t.pot_name, potName);
    const ctx = { bin: P, potName, allocId: ALLOC, invocationId: INV, allocDir: ALLOC_DIR, memoryMB: 300, env: t.env };
    assert.deepEqual(t.start, expectedStart(main, ctx));
    assert.deepEqual(t.stop, [[P, 'signal', '-s', 'SIGINT', '-p', potName], [P, 'destroy', '-p', potName, '-F']]);
    assert.deepEqual(t.kill, [[P, 'signal', '-s', 'SIGKILL', '-p', potName]]);

    // The design's one shell: pot's -c value is the command line the jail's sh runs, joined and unescaped.
    assert.equal(t.start[0]![9], `"x; touch ${canary.path} ${payloads.map((p) => p.value).join(' ')}"`);

    const namedPot = potNameOf(NAME, INV, ALLOC);
    assert.equal(n.pot_name, `a_b-c_D9_${INV}_${ALLOC}`);
    assert.equal(n.env.NOMAD_TASK_NAME, NAME);
    assert.deepEqual(n.start, expectedStart(named, { ...ctx, potName: namedPot, env: n.env }));
    assert.equal(canary.tripped(), false);
  });

  it('prints shell lines that, pasted into sh, hand pot exactly the planned argv', () => {
    const r = runCli(['plan', jobPath, '--alloc-id', ALLOC, '--invocation-id', INV, '--data-dir', DATA_DIR]);
    assert.equal(r.status, 0, r.stderr);
    // Pasting is the user's choice of shell; this test uses one on purpose. The printed binary is swapped for a
    // function that writes out the argv the shell parsed: NUL-separated, its length first.
    const script = [`record() { printf '%s\\0' "$#" "$@"; }`, ...commandLines(r.stdout, P).map((line) => `record${line.slice(P.length)}`)].join('\n');
    const sh = spawnSync('/bin/sh', ['-c', script], { cwd: work, encoding: 'utf8' });
    assert.equal(sh.stderr, '');
    assert.equal(sh.status, 0);
    const printedOrder = planned().flatMap((t) => [...t.start, t.stop[0]!, ...t.kill, ...t.stop.slice(1)]);
    assert.deepEqual(parseRecords(sh.stdout), printedOrder.map((argv) => argv.slice(1)));
    assert.equal(canary.tripped(), false);
  });
});

describe('validate with hostile values', () => {
  it('refuses what pot would split, misread or reject, with the exact messages', () => {
    const hostile = [...payloads, NUL_PAYLOAD];
    const withBlanks = payloads.filter((p) => /\s/.test(p.value));
    const task = `    task "refused" {
      driver = "pot"
      config {
        image        = ${hclString(IMAGE.image)}
        pot          = ${hclString(IMAGE.pot)}
        tag          = ${hclString(IMAGE.tag)}
        network_mode = ${hclString(byId('subst'))}
        extra_hosts  = [${hostile.flatMap((p) => [hclString(`${p.value}:10.0.0.5`), hclString(`db.internal:${p.value}`)]).join(', ')}]
        mount        = [${withBlanks.map((p) => hclString(`/srv/${p.value}:/mnt/x`)).join(', ')}]
        attributes   = [${hclString(`devfs_ruleset:${byId('subst')}`)}, ${hclString(`procfs:${byId('semicolon')}`)}, ${hclString(`${byId('semicolon')}:YES`)}]
        port_map     = { http = ${hclString(byId('subst'))} }
      }
    }`;
    const jobPath = writeJob('refused', `job "refused" {\n  group "g" {\n    network {\n      port "http" {}\n    }\n${task}\n  }\n}\n`);
    const doc = validateJson(jobPath);
    assert.equal(doc.valid, false);
    const C = canary.path;
    const expected = [
      `network_mode: "$(touch ${C})" is not a network mode pot knows (use "public-bridge", "host" or "inherit")`,
      `port_map.http: "$(touch ${C})" is not a port inside the jail; use a number from 1 to 65535, optionally prefixed with "tcp:" or "udp:"`,
      ...withBlanks.map((p, i) => `mount[${i}]: "/srv/${p.value}:/mnt/x": pot mount-in does not accept paths with spaces`),
      ...payloads.flatMap((p, i) => [
        `extra_hosts[${2 * i}]: "${p.value}" is not a valid hostname`,
        `extra_hosts[${2 * i + 1}]: "${p.value}" is not an IP address; write "<hostname>:<IP>", e.g. "db.internal:10.0.0.5"`,
      ]),
      // A NUL is refused as such, whatever else is wrong with the entry.
      `extra_hosts[${2 * payloads.length}]: ${NUL_PROBLEM}`,
      `extra_hosts[${2 * payloads.length + 1}]: ${NUL_PROBLEM}`,
      `attributes[0]: attribute "devfs_ruleset" needs a whole number such as 0 or 4, not "$(touch ${C})"`,
      `attributes[1]: attribute "procfs" needs a boolean: yes, no, true, false, on or off, not "x; touch ${C}"`,
      `attributes[2]: "x; touch ${C}" is not a pot attribute (see pot help set-attr)`,
    ];
    assert.deepEqual(doc.errors.map((e) => e.summary).sort(), expected.sort());
    assert.ok(doc.errors.every((e) => e.path === 'job "refused" > group "g" > task "refused" > config'));
    assert.equal(canary.tripped(), false);
  });

  it('refuses a NUL in any value before anything runs, since no program can receive it in an argument', () => {
    const nul = NUL_PAYLOAD.value;
    const t: PayloadTask = {
      ...payloadTask('nul', [], [], '/srv', { entries: 'each' }),
      image: `https://potluck.example/${nul}`,
      args: [nul],
      env: { P_nul: nul },
      meta: { nul },
      copy: [`/srv/${nul}:/dst`],
      mount: [`/srv/${nul}:/mnt`],
    };
    const jobPath = writeJob('nul', jobText('nul', [t]));
    const doc = validateJson(jobPath);
    assert.equal(doc.valid, false);
    // The meta entry is one mistake, though it sets NOMAD_META_nul and NOMAD_META_NUL; the environment's order
    // puts it before the task's own env.
    assert.deepEqual(
      doc.errors.map((e) => [e.summary, e.path]),
      [
        [`image: ${NUL_PROBLEM}`, 'job "nul" > group "g" > task "nul" > config'],
        [`args[0]: ${NUL_PROBLEM}`, 'job "nul" > group "g" > task "nul" > config'],
        [`copy[0]: ${NUL_PROBLEM}`, 'job "nul" > group "g" > task "nul" > config'],
        [`mount[0]: ${NUL_PROBLEM}`, 'job "nul" > group "g" > task "nul" > config'],
        [`meta["nul"]: ${NUL_PROBLEM}`, 'job "nul" > group "g" > task "nul"'],
        [`env["P_nul"]: ${NUL_PROBLEM}`, 'job "nul" > group "g" > task "nul"'],
      ],
    );
    const plan = runCli(['plan', jobPath, '--alloc-id', ALLOC, '--invocation-id', INV]);
    assert.equal(plan.status, 1);
    assert.equal(plan.stdout, '');
    assert.match(plan.stderr, /^error: image: contains a NUL byte, which no pot command can take; remove it\n {2}--> \S+nul\.nomad\.hcl:\d+:\d+ /);
    assert.equal(canary.tripped(), false);
  });

  it('refuses task names pot cannot turn into a jail (blanks, control characters, shell and ZFS-invalid characters)', () => {
    const names: [string, string][] = [
      ['a b', '" "'],
      ['a\nb', '"\\n"'],
      ['a\u0000b', '"\\u0000"'],
      ['t;x', '";"'],
      [`a'b"c`, `"'"`],
      ['$(id)', '"$"'],
    ];
    const tasks = names.map(([name]) => ({ ...payloadTask(name, [], [], '/srv', { entries: 'each' }), env: { A: 'a' }, meta: { a: 'a' } }));
    const doc = validateJson(writeJob('names', jobText('names', tasks)));
    assert.equal(doc.valid, false);
    // Block paths quote labels as written, without escapes. Nomad's own rule for every driver comes first
    // (it refuses a NUL in a task name), and a name it refuses is not refused twice.
    assert.deepEqual(doc.errors.map((e) => [e.summary, e.path]), [
      ['Task name cannot include null characters', 'job "names" > group "g" > task "a\u0000b"'],
      ...names
        .filter(([name]) => !name.includes('\u0000'))
        .map(([name, char]) => [
          `task ${JSON.stringify(name)}: ${char} cannot be part of a pot name (pot names become ZFS dataset and jail names); ${TASK_NAME_RULE}`,
          `job "names" > group "g" > task "${name}"`,
        ]),
    ]);
    const slash = validateJson(writeJob('slash', jobText('slash', [{ ...payloadTask('a/b', [], [], '/srv', { entries: 'each' }), env: { A: 'a' }, meta: { a: 'a' } }])));
    assert.deepEqual(
      slash.errors.map((e) => [e.summary, e.path]),
      [['Task name cannot include slashes', 'job "slash" > group "g" > task "a/b"']],
    );
  });

  it('refuses a task named "-F", which pot start would read as options, before planning anything', () => {
    const jobPath = writeJob('dash', jobText('dash', [{ ...payloadTask('-F', [], [], '/srv', { entries: 'each' }), env: { A: 'a' }, meta: { a: 'a' } }]));
    const r = runCli(['plan', '-o', 'json', jobPath, '--alloc-id', ALLOC, '--invocation-id', INV]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr.split('\n')[0],
      `error: task "-F": a task name cannot start with "-", which pot would read as an option; ${TASK_NAME_RULE}`,
    );
    assert.match(r.stderr, /\(job "dash" > group "g" > task "-F"\)/);
  });

  it('refuses a data dir with blanks, below which every task\'s directories are mounted', () => {
    const jobPath = writeJob('blank-dir', jobText('blank-dir', [{ ...payloadTask('t', [], [], '/srv', { entries: 'each' }), env: { A: 'a' }, meta: { a: 'a' } }]));
    const r = runCli(['plan', jobPath, '--data-dir', '/var/tmp/my nomad']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'error: data dir "/var/tmp/my nomad": pot mount-in does not accept paths with spaces, and each task\'s /local, /secrets and /alloc are mounted from below it; use a data dir without blanks\n',
    );
  });
});

/**
 * The command lines of a text plan: each starts with four blanks and the pot binary; a quoted argument with a newline
 * in it continues on the following lines.
 */
function commandLines(text: string, bin: string): string[] {
  const out: string[] = [];
  let open = false;
  for (const line of text.split('\n')) {
    if (open) out[out.length - 1] += `\n${line}`;
    else if (line.startsWith(`    ${bin} `) || line.startsWith(`    '${bin}' `)) out.push(line.slice(4));
    else continue;
    open = insideSingleQuotes(out[out.length - 1]!);
  }
  return out;
}

/** `record`'s output: for each call, the number of arguments, then the arguments, all NUL-terminated. */
function parseRecords(out: string): string[][] {
  const fields = out.split('\0');
  fields.pop();
  const calls: string[][] = [];
  for (let i = 0; i < fields.length; ) {
    const n = Number(fields[i]);
    calls.push(fields.slice(i + 1, i + 1 + n));
    i += 1 + n;
  }
  return calls;
}

function insideSingleQuotes(s: string): boolean {
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (quoted) quoted = c !== "'";
    else if (c === '\\') i++;
    else if (c === "'") quoted = true;
  }
  return quoted;
}
