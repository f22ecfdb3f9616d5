/**
 * Node's heaviest built-in modules load only when a run uses them: `--help` spawns nothing and hashes nothing,
 * `pot version` neither. Each run reports, from inside the process, which of them it loaded.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../helpers/cli.js';

const WATCHED = ['child_process', 'crypto', 'readline', 'fs/promises', 'dgram', 'zlib'];
const dir = mkdtempSync(path.join(tmpdir(), 'pn-builtins-'));
const REPORT = path.join(dir, 'report.cjs');
writeFileSync(
  REPORT,
  `process.on('exit', () => {
  const loaded = new Set(process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)));
  require('node:fs').writeSync(2, 'loaded: ' + ${JSON.stringify(WATCHED)}.filter((m) => loaded.has(m)).join(' ') + '\\n');
});
`,
);
after(() => rmSync(dir, { recursive: true, force: true }));

/** The watched built-ins the run loaded, from the last line of its stderr. */
function loadedBy(bin: string, args: string[]): string[] {
  const r = spawnSync(process.execPath, ['-r', REPORT, path.join(ROOT, 'bin', bin), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '', POT_NOMAD_PLAIN: '', POT_EMULATOR_ROOT: path.join(dir, 'pots') },
  });
  assert.equal(r.status, 0, r.stderr);
  const line = r.stderr.trimEnd().split('\n').at(-1)!;
  assert.match(line, /^loaded:/);
  return line.slice('loaded:'.length).trim().split(' ').filter(Boolean);
}

describe('built-in modules in the bundles', () => {
  it('pot-nomad --help loads none of the heavy ones', () => {
    assert.deepEqual(loadedBy('pot-nomad.js', ['--help']), []);
  });

  it('pot-emulator version loads none of the heavy ones', () => {
    assert.deepEqual(loadedBy('pot-emulator.js', ['version']), []);
  });

  it('pot-nomad plan of the seed job loads no crypto: its ids and ports hash without it', () => {
    assert.equal(loadedBy('pot-nomad.js', ['plan', '-o', 'json', 'fixtures/jobs/nginx.hcl']).includes('crypto'), false);
  });

  it('the report sees a module a run does load: crypto for a job that calls a hash function', () => {
    const job = path.join(dir, 'hashing.nomad.hcl');
    writeFileSync(job, 'job "h" {\n  group "g" {\n    task "t" {\n      driver = "pot"\n      config {\n        image = "https://potluck.example/x"\n        pot = "x"\n        tag = "1"\n      }\n      env { DIGEST = md5("x") }\n    }\n  }\n}\n');
    assert.equal(loadedBy('pot-nomad.js', ['validate', job]).includes('crypto'), true);
  });
});
