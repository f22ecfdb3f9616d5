/**
 * The host policy in the CLI: its user is the node's operator, so nothing is restricted until
 * `--allow-host-path` or the settings file's `[plugin]` table says so; what is refused then is reported at
 * its config entry, with the file and line, and nothing runs.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveHostPolicy } from '../../src/cli/runtime/run-settings.js';
import { ROOT, runCli } from '../helpers/cli.js';

const ALLOC = '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f';
const PLAN = ['plan', 'fixtures/jobs/nginx.hcl', '--alloc-id', ALLOC, '--invocation-id', '0a1b2c3d', '--port', 'http=27415'];
const WHERE = '(job "example" > group "group1" > task "www1" > config)';

const work = mkdtempSync(join(tmpdir(), 'pn-cli-policy-'));
after(() => rmSync(work, { recursive: true, force: true }));
// No settings file of the user's may take part.
const home = join(work, 'home');
mkdirSync(home);
const ENV = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), POT_EMULATOR_ROOT: join(work, 'emulator') };
const cli = (args: string[]) => runCli(args, { env: ENV });

function settingsFile(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

/** The seed job's copy and mount entries, refused, as the diagnostics print them. */
function refusedSeedEntries(copyRemedy: string, mountRemedy: string, allowed: string): string {
  return [
    `error: copy[0]: the host path "/mnt/s3/web/nginx.conf" is not allowed on this node (allowed: ${allowed}, the allocation's own directory); to allow it, ${copyRemedy}`,
    `  --> fixtures/jobs/nginx.hcl:32:11 ${WHERE}`,
    '     |',
    '  32 |           "/mnt/s3/web/nginx.conf:/usr/local/etc/nginx/nginx.conf",',
    '     |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
    `error: mount[0]: the host path "/mnt/s3/web/www" is not allowed on this node (allowed: ${allowed}, the allocation's own directory); to allow it, ${mountRemedy}`,
    `  --> fixtures/jobs/nginx.hcl:35:11 ${WHERE}`,
    '     |',
    '  35 |           "/mnt/s3/web/www:/mnt"',
    '     |           ^^^^^^^^^^^^^^^^^^^^^^',
    '',
  ].join('\n');
}

describe('the host policy of plan, validate and run', () => {
  it('leaves the seed job\'s copy and mount alone by default', () => {
    const r = cli(PLAN);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /\n {4}\/usr\/local\/bin\/pot copy-in -p www1_0a1b2c3d_7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f -s \/mnt\/s3\/web\/nginx\.conf -d \/usr\/local\/etc\/nginx\/nginx\.conf\n/);
    assert.match(r.stdout, /\n {4}\/usr\/local\/bin\/pot mount-in -p www1_0a1b2c3d_7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f -d \/mnt\/s3\/web\/www -m \/mnt\n/);
    const allowed = cli([...PLAN, '--allow-host-path', '/mnt/s3/web']);
    assert.equal(allowed.status, 0);
    assert.equal(allowed.stdout, r.stdout);
  });

  it('refuses host paths outside --allow-host-path with the file, the line and the flag to add', () => {
    const expected = refusedSeedEntries('add --allow-host-path /mnt/s3/web/nginx.conf', 'add --allow-host-path /mnt/s3/web/www', '"/somewhere"');
    const plan = cli([...PLAN, '--allow-host-path', '/somewhere']);
    assert.equal(plan.status, 1);
    assert.equal(plan.stdout, '');
    assert.equal(plan.stderr, expected);
    const validate = cli(['validate', 'fixtures/jobs/nginx.hcl', '--allow-host-path', '/somewhere']);
    assert.equal(validate.status, 1);
    assert.equal(validate.stderr, expected);
  });

  it('matches prefixes at a path-component boundary only', () => {
    const r = cli(['validate', 'fixtures/jobs/nginx.hcl', '--allow-host-path', '/mnt/s3/web/ww', '--allow-host-path', '/mnt/s3/web/nginx.conf']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^error: mount\[0\]: the host path "\/mnt\/s3\/web\/www" is not allowed on this node \(allowed: "\/mnt\/s3\/web\/ww", "\/mnt\/s3\/web\/nginx\.conf", the allocation's own directory\); to allow it, add --allow-host-path \/mnt\/s3\/web\/www\n {2}--> fixtures\/jobs\/nginx\.hcl:35:11 /);
    assert.doesNotMatch(r.stderr, /copy\[0\]/);
  });

  it('runs nothing and keeps no run record when run refuses the job', () => {
    const dataDir = join(work, 'data');
    const r = cli(['run', '--emulate', '--isolation', 'none', '--data-dir', dataDir, '--allow-host-path', '/somewhere', 'fixtures/jobs/nginx.hcl']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      `Using the built-in pot emulator (${ROOT}bin/pot-emulator.js); its pots live in ${ENV.POT_EMULATOR_ROOT}\n` +
        refusedSeedEntries('add --allow-host-path /mnt/s3/web/nginx.conf', 'add --allow-host-path /mnt/s3/web/www', '"/somewhere"'),
    );
    assert.deepEqual(readdirSync(join(dataDir, 'runs')).filter((f) => !f.endsWith('.lock')), []);
  });

  it('takes allowed_host_paths from the settings file\'s [plugin] table, and --allow-host-path over it', () => {
    const file = settingsFile('paths.toml', '[plugin]\nallowed_host_paths = ["/mnt/s3/web/www"]\n');
    const r = cli(['validate', '--config', file, 'fixtures/jobs/nginx.hcl']);
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      [
        `error: copy[0]: the host path "/mnt/s3/web/nginx.conf" is not allowed on this node (allowed: "/mnt/s3/web/www", the allocation's own directory); to allow it, set allowed_host_paths = ["/mnt/s3/web/www", "/mnt/s3/web/nginx.conf"] in the [plugin] table of ${file}`,
        `  --> fixtures/jobs/nginx.hcl:32:11 ${WHERE}`,
        '     |',
        '  32 |           "/mnt/s3/web/nginx.conf:/usr/local/etc/nginx/nginx.conf",',
        '     |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '',
      ].join('\n'),
    );
    const json = cli(['validate', '-o', 'json', '--config', file, 'fixtures/jobs/nginx.hcl']);
    assert.equal(json.status, 1);
    assert.deepEqual(
      JSON.parse(json.stdout).errors.map((e: Record<string, unknown>) => [e.file, e.line, e.column]),
      [['fixtures/jobs/nginx.hcl', 32, 11]],
    );
    const overridden = cli(['validate', '--config', file, '--allow-host-path', '/mnt/s3', 'fixtures/jobs/nginx.hcl']);
    assert.equal(overridden.status, 0, overridden.stderr);
    const plan = cli([...PLAN, '--config', file]);
    assert.equal(plan.status, 1);
    assert.match(plan.stderr, /^error: copy\[0\]: /);
  });

  it('restricts jail attributes and devfs rulesets only when the settings file sets them', () => {
    const job = join(work, 'weak.nomad.hcl');
    writeFileSync(
      job,
      [
        'job "weak" {',
        '  group "g" {',
        '    task "t" {',
        '      driver = "pot"',
        '      config {',
        '        image = "https://potluck.example/registry"',
        '        pot   = "web"',
        '        tag   = "1.0"',
        '        attributes = ["children:2", "devfs_ruleset:6", "mount:true"]',
        '      }',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    assert.equal(cli(['validate', job]).status, 0);
    const file = settingsFile('attributes.toml', '[plugin]\nallowed_jail_attributes = ["mount"]\ndevfs_rulesets = ["4"]\n');
    const r = cli(['validate', '--config', file, job]);
    assert.equal(r.status, 1);
    const reported = r.stderr.split('\n').filter((l) => /^(error|  -->)/.test(l));
    assert.deepEqual(reported, [
      `error: attributes[0]: "children:2" weakens the jail (children above 0 lets the jail create jails of its own); to allow it, set allowed_jail_attributes = ["mount", "children"] in the [plugin] table of ${file}`,
      `  --> ${job}:9:23 (job "weak" > group "g" > task "t" > config)`,
      `error: attributes[1]: "devfs_ruleset:6": devfs ruleset 6 decides which host devices the jail sees and is not allowed on this node (allowed: "4"); to allow it, set devfs_rulesets = ["4", "6"] in the [plugin] table of ${file}`,
      `  --> ${job}:9:37 (job "weak" > group "g" > task "t" > config)`,
    ]);
  });

  it('reports bad policy values in the settings file, and a relative --allow-host-path as a usage error', () => {
    const file = settingsFile('bad.toml', '[plugin]\nallowed_host_paths = ["www"]\nallowed_jail_attributes = ["persistent"]\n');
    const r = cli(['plan', '--config', file, 'fixtures/jobs/nginx.hcl']);
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      `error: ${file}: plugin.allowed_host_paths[0]: "www" must be an absolute path, e.g. "/data/www"\n` +
        `${file}: plugin.allowed_jail_attributes[0]: "persistent" is not a jail attribute this option covers (it takes mount, enforce_statfs, children, raw_sockets, mlock, sysvshm, sysvsem, sysvmsg)\n`,
    );
    const usage = cli(['validate', 'fixtures/jobs/nginx.hcl', '--allow-host-path', 'mnt/s3']);
    assert.equal(usage.status, 2);
    assert.equal(usage.stderr, 'error: --allow-host-path expects an absolute path such as /data/www; got "mnt/s3"\nRun "pot-nomad --help" for usage.\n');
  });
});

describe('resolveHostPolicy', () => {
  const loaded = (plugin: Record<string, string[]>) => ({ file: '/etc/pot-nomad.toml', config: { plugin } });
  const fromFile = { kind: 'settings-file', file: '/etc/pot-nomad.toml' } as const;

  it('restricts nothing without a settings file or a flag', () => {
    assert.deepEqual(resolveHostPolicy(undefined, undefined), {});
    assert.deepEqual(resolveHostPolicy([], loaded({})), {});
  });

  it('restricts each kind the [plugin] table names, and lets --allow-host-path replace the paths', () => {
    assert.deepEqual(resolveHostPolicy(undefined, loaded({ devfs_rulesets: ['4', '5'] })), { devfsRulesets: { allowed: ['4', '5'], origin: fromFile } });
    assert.deepEqual(resolveHostPolicy(['/data'], loaded({ allowed_host_paths: ['/srv'], allowed_jail_attributes: [] })), {
      hostPaths: { allowed: ['/data'], origin: { kind: 'flag' } },
      jailAttributes: { allowed: [], origin: fromFile },
    });
  });
});
