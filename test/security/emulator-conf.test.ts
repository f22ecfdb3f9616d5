/**
 * The emulator keeps pot's pot.conf, one `key=value` per line. pot itself cannot be talked into writing a line
 * of its own choosing by a value: set-env prefixes every line it stores with `pot.env=`, and set-cmd's unquoted
 * `echo $cmd` turns newlines into blanks. The emulator must not either, or an environment value or an argument
 * could set pot attributes that validation and the host policy refuse.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EMULATOR } from '../cli/run-harness.js';
import { hostilePayloads, newCanary } from './hostile-inputs.js';

const canary = newCanary();
const root = mkdtempSync(join(tmpdir(), 'pn-sec-conf-'));
after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(canary.dir, { recursive: true, force: true });
});

function emulator(...args: string[]): void {
  execFileSync(process.execPath, [EMULATOR, ...args], { env: { ...process.env, POT_EMULATOR_ROOT: root }, stdio: 'ignore' });
}

function prepare(name: string, command: string): string[] {
  emulator('prepare', '-U', 'https://potluck.example/img', '-p', 'base', '-t', '1.0', '-a', 'aa_bb', '-n', name, '-c', `"${command}"`);
  return confLines(`${name}_aa_bb`);
}

function confLines(pot: string): string[] {
  return readFileSync(join(root, 'jails', pot, 'conf', 'pot.conf'), 'utf8').split('\n').filter((line) => line !== '');
}

describe('the emulator stores values in pot.conf as pot does', () => {
  it(
    'keeps every line of an environment value under pot.env',
    () => {
      const conf = hostilePayloads(canary.path).find((p) => p.id === 'conf_line')!.value;
      const before = new Set(prepare('env', 'true'));
      emulator('set-env', '-p', 'env_aa_bb', '-E', `BREAK=${conf}`);
      const added = confLines('env_aa_bb').filter((line) => !before.has(line));
      // pot: `sed 's/.*/pot.env=&/'` over what set-env stores
      assert.deepEqual(added.filter((line) => !line.startsWith('pot.env=')), []);
      assert.equal(canary.tripped(), false);
    },
  );

  it(
    'stores a command with a newline on one pot.cmd line, as set-cmd does',
    () => {
      const lines = prepare('cmd', 'true\npot.attr.mount=YES');
      // pot: echo $_cmd (unquoted) splits the command into words and joins them with blanks
      assert.deepEqual(lines.filter((line) => line.startsWith('pot.cmd=')), ['pot.cmd=true pot.attr.mount=YES']);
      assert.equal(lines.includes('pot.attr.mount=YES'), false);
    },
  );
});
