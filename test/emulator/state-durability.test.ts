/**
 * The emulator's state files: a pot command killed in the middle of a write leaves the old file whole, and a
 * damaged pot.conf, status file, fscomp.conf or last-run record makes `pot ls`, `info`, `last-run-stats` report
 * that pot's file and what is wrong in one `###>` line (never a stack trace), with pot's exit codes; `stop`
 * repairs a damaged status and `destroy -F` removes a damaged pot.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { helpText } from '../../src/emulator/help.js';
import { EMULATOR, pot, prepareArgs, tempRoot, type Result } from './harness.js';

const { root, cleanup } = tempRoot('durable');
const GOOD = 'good_a1';
const BAD = 'bad_a2';
const conf = (name: string, file = 'pot.conf'): string => join(root, 'jails', name, 'conf', file);
const statusFile = (name: string): string => join(root, 'tmp', `pot_status_${name}`);
let original: string;

/** `pot ls` of a sound inherit pot that is not running. */
const block = (name: string): string => `pot name : ${name}\n\tnetwork : inherit\n\tactive : false\n\n`;

before(async () => {
  for (const [task, alloc] of [['good', 'a1'], ['bad', 'a2']] as const) {
    const r = await pot(root, prepareArgs(task, alloc, 'sleep 60'));
    assert.equal(r.code, 0, r.stdout);
  }
  original = readFileSync(conf(BAD), 'utf8');
});

after(cleanup);

beforeEach(() => {
  writeFileSync(conf(BAD), original);
  rmSync(statusFile(BAD), { force: true });
  writeFileSync(conf(BAD, 'fscomp.conf'), '');
  rmSync(conf(BAD, '.last_run_stats'), { force: true });
});

function noStackTrace(r: Result): void {
  assert.equal(r.stderr, '');
  assert.doesNotMatch(r.stdout, /\n\s+at /);
}

describe('a damaged pot.conf', () => {
  // Built when the test runs: the pot's own pot.conf exists only then.
  const cases: [string, () => string | Buffer, string | (() => string)][] = [
    ['empty', () => '', 'the file is empty'],
    ['cut off in its last line', () => original.slice(0, original.indexOf('network_type=') + 8), 'its last line is cut off'],
    ['cut off at a line end, before the lines every pot has', () => original.slice(0, original.indexOf('pot.type=')), 'it has no pot.type= line'],
    ['filled with NUL bytes', () => Buffer.alloc(512), 'it holds NUL bytes'],
    ['not UTF-8', () => Buffer.from([0x70, 0x6f, 0x74, 0xff, 0x0a]), 'it is not UTF-8 text'],
    ['with a line that is not key=value', () => `${original}garbage here\n`, () => `line ${original.split('\n').length} is not a key=value line`],
  ];
  for (const [what, contents, why] of cases) {
    it(`${what}: info names the file and exits 1, ls lists the other pots and exits 0`, async () => {
      writeFileSync(conf(BAD), contents());
      const line = `###>  pot ${BAD}: ${conf(BAD)} is corrupt (${typeof why === 'string' ? why : why()})\n`;
      const info = await pot(root, ['info', '-p', BAD]);
      noStackTrace(info);
      assert.equal(info.code, 1);
      assert.equal(info.stdout, `${line}###>  ${BAD} is not a pot\n${helpText('info')}`);
      const ls = await pot(root, ['ls']);
      noStackTrace(ls);
      assert.equal(ls.code, 0);
      assert.equal(ls.stdout, `${line}pot name : ${BAD}\n\n${block(GOOD)}`);
    });
  }

  it('a directory in its place', async () => {
    rmSync(conf(BAD));
    mkdirSync(conf(BAD));
    try {
      const info = await pot(root, ['info', '-p', BAD]);
      noStackTrace(info);
      assert.equal(info.code, 1);
      assert.equal(info.stdout.split('\n')[0], `###>  pot ${BAD}: ${conf(BAD)} is corrupt (it is a directory)`);
    } finally {
      rmSync(conf(BAD), { recursive: true });
    }
  });

  it('commands that change the pot refuse it with the reason; the file is left as it was', async () => {
    writeFileSync(conf(BAD), 'pot.level=0\npot.ty');
    const r = await pot(root, ['set-env', '-p', BAD, '-E', 'A=1']);
    noStackTrace(r);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.split('\n').slice(0, 2), [`###>  pot ${BAD}: ${conf(BAD)} is corrupt (its last line is cut off)`, `###>  pot ${BAD} is not valid`]);
    assert.equal(readFileSync(conf(BAD), 'utf8'), 'pot.level=0\npot.ty');
  });
});

describe('a damaged status file', () => {
  it('is reported by info and ls, which go on with what the processes say (exit 0); stop writes a sound one', async () => {
    writeFileSync(statusFile(BAD), 'pot.status=bogus,\n');
    const line = `###>  pot ${BAD}: ${statusFile(BAD)} is corrupt ("bogus" is not a pot status)\n`;
    const info = await pot(root, ['info', '-p', BAD]);
    noStackTrace(info);
    assert.equal(info.code, 0);
    assert.equal(info.stdout.split('\n').slice(0, 3).join('\n'), `${line}pot name : ${BAD}\n\ttype : single`);
    assert.match(info.stdout, /\n\tactive : false\n/);
    const running = await pot(root, ['info', '-p', BAD, '-r']);
    assert.deepEqual([running.code, running.stdout], [1, '']);
    const ls = await pot(root, ['ls']);
    noStackTrace(ls);
    assert.equal(ls.code, 0);
    assert.equal(ls.stdout, `${line}${block(BAD)}${block(GOOD)}`);
    const stop = await pot(root, ['stop', BAD]);
    assert.equal(stop.code, 0);
    assert.equal(readFileSync(statusFile(BAD), 'utf8'), 'pot.status=stopped,\n');
    assert.equal((await pot(root, ['ls'])).stdout, `${block(BAD)}${block(GOOD)}`);
  });

  for (const [what, contents, why] of [
    ['empty', '', 'the file is empty'],
    ['cut off', 'pot.status=star', 'its last line is cut off'],
    ['not a status line', 'started\n', 'it is not one pot.status=<state>, line'],
    ['NUL bytes', '\0\0\0\0', 'it holds NUL bytes'],
  ] as const) {
    it(`${what}: one line naming it`, async () => {
      writeFileSync(statusFile(BAD), contents);
      const ls = await pot(root, ['ls']);
      noStackTrace(ls);
      assert.equal(ls.code, 0);
      assert.equal(ls.stdout, `###>  pot ${BAD}: ${statusFile(BAD)} is corrupt (${why})\n${block(BAD)}${block(GOOD)}`);
    });
  }
});

describe('other damaged files of a pot', () => {
  it('a last-run record that is cut off or empty is an error, not an exit code', async () => {
    for (const [contents, why] of [
      ['{ "ExitCo', 'it is cut off'],
      ['', 'the file is empty'],
      ['{ "ExitCode": "3" }\n', 'its ExitCode is not a whole number'],
    ] as const) {
      writeFileSync(conf(BAD, '.last_run_stats'), contents);
      const r = await pot(root, ['last-run-stats', '-p', BAD]);
      noStackTrace(r);
      assert.deepEqual([r.code, r.stdout], [1, `###>  pot ${BAD}: ${conf(BAD, '.last_run_stats')} is corrupt (${why})\n`]);
    }
    writeFileSync(conf(BAD, '.last_run_stats'), '{ "ExitCode": 3 }\n');
    assert.deepEqual(await pot(root, ['last-run-stats', '-p', BAD]), { code: 0, signal: null, stdout: '{ "ExitCode": 3 }\n', stderr: '' });
  });

  it('an fscomp.conf line without a mount point makes the pot unusable, with the line named', async () => {
    writeFileSync(conf(BAD, 'fscomp.conf'), '/srv/www /mnt\n/srv/data\n');
    const r = await pot(root, ['start', BAD]);
    noStackTrace(r);
    assert.deepEqual([r.code, r.stdout], [1, `###>  pot ${BAD}: ${conf(BAD, 'fscomp.conf')} is corrupt (line 2 is not "<source> <mount point> [ro|zfs-remount]")\n`]);
    assert.equal(readdirSync(join(root, 'tmp')).includes(`pot_status_${BAD}`), false);
  });

  it('destroy -F removes a damaged pot; without -F it says to use it', async () => {
    writeFileSync(conf(BAD), '');
    const refused = await pot(root, ['destroy', '-p', BAD]);
    assert.deepEqual([refused.code, refused.stdout], [1, `###>  pot ${BAD}: ${conf(BAD)} is corrupt (the file is empty)\n###>  pot ${BAD} not found or corrupted. Try to use the -F flag\n`]);
    const forced = await pot(root, ['destroy', '-p', BAD, '-F']);
    assert.deepEqual([forced.code, forced.stdout], [0, `===>  Forcibly destroyed pot ${BAD}\n`]);
    assert.equal((await pot(root, ['ls'])).stdout, block(GOOD));
    const again = await pot(root, prepareArgs('bad', 'a2', 'sleep 60'));
    assert.equal(again.code, 0, again.stdout);
    original = readFileSync(conf(BAD), 'utf8');
  });
});

describe('a pot command killed in the middle of a write', () => {
  /** `pot ARGS` with its rename replaced by SIGKILL to itself: the crash happens between the write and the rename. */
  function crashing(args: readonly string[]): Promise<Result> {
    const patch = [
      "import fs from 'node:fs';",
      "import { syncBuiltinESMExports } from 'node:module';",
      "fs.renameSync = () => { process.kill(process.pid, 'SIGKILL'); };",
      'syncBuiltinESMExports();',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(patch)}`, EMULATOR, ...args], {
      env: { ...process.env, POT_EMULATOR_ROOT: root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  }

  it('leaves the old pot.conf whole and the new content only in a hidden temporary file', async () => {
    const r = await crashing(['set-env', '-p', BAD, '-E', 'A=1']);
    assert.equal(r.signal, 'SIGKILL');
    assert.equal(readFileSync(conf(BAD), 'utf8'), original);
    const temps = readdirSync(join(root, 'jails', BAD, 'conf')).filter((n) => n.endsWith('.tmp'));
    assert.equal(temps.length, 1);
    assert.match(temps[0]!, /^\.pot\.conf\.\d+\.[0-9a-f]{8}\.tmp$/);
    assert.equal(readFileSync(join(root, 'jails', BAD, 'conf', temps[0]!), 'utf8'), `${original}pot.env="A=1"\n`);
    rmSync(join(root, 'jails', BAD, 'conf', temps[0]!));
    const info = await pot(root, ['info', '-p', BAD]);
    assert.equal(info.code, 0);
    assert.equal(info.stdout.split('\n')[0], `pot name : ${BAD}`);
  });

  it('leaves fscomp.conf as it was when mount-in is killed', async () => {
    writeFileSync(conf(BAD, 'fscomp.conf'), '/srv/www /mnt\n');
    const r = await crashing(['mount-in', '-p', BAD, '-d', root, '-m', '/data']);
    assert.equal(r.signal, 'SIGKILL');
    assert.equal(readFileSync(conf(BAD, 'fscomp.conf'), 'utf8'), '/srv/www /mnt\n');
    for (const name of readdirSync(join(root, 'jails', BAD, 'conf')).filter((n) => n.endsWith('.tmp'))) rmSync(join(root, 'jails', BAD, 'conf', name));
  });
});
