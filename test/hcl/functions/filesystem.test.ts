import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionCallError } from '../../../src/hcl/functions/index.js';
import { callFunction } from './call-helper.js';
import type { Value } from '../../../src/hcl/value.js';

let dir = '';
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, { baseDir: dir, allowFS: true });
const fails = (name: string, args: Value[], message: string, allowFS = true): void => {
  assert.throws(
    () => callFunction(name, args, { baseDir: dir, allowFS }),
    (e: unknown) => e instanceof FunctionCallError && e.message === message,
  );
};
const failed = (name: string, detail: string): string => `Error in function call; Call to function "${name}" failed: ${detail}.`;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pot-nomad-fs-'));
  writeFileSync(join(dir, 'hello.txt'), 'Hello ${name} %{if x}\n');
  writeFileSync(join(dir, 'binary.bin'), Buffer.from([0xff, 0xfe, 0x00]));
  mkdirSync(join(dir, 'conf', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'conf', 'a.conf'), 'a');
  writeFileSync(join(dir, 'conf', 'b.yml'), 'b');
  writeFileSync(join(dir, 'conf', 'nested', 'c.conf'), 'c');
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('file and filebase64 read relative to the base directory', () => {
  assert.equal(call('file', 'hello.txt'), 'Hello ${name} %{if x}\n');
  assert.equal(call('file', join(dir, 'conf', 'a.conf')), 'a');
  assert.equal(call('file', 'conf/../hello.txt'), 'Hello ${name} %{if x}\n');
  assert.equal(call('filebase64', 'binary.bin'), '//4A');
  fails('file', ['missing.txt'], failed('file', `no file exists at ${join(dir, 'missing.txt')}`));
  fails(
    'file',
    ['binary.bin'],
    failed('file', 'contents of binary.bin are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead'),
  );
  fails('file', ['~other/x'], failed('file', 'failed to expand ~: cannot expand user-specific home dir'));
});

test('fileexists', () => {
  assert.equal(call('fileexists', 'hello.txt'), true);
  assert.equal(call('fileexists', 'nope.txt'), false);
  assert.equal(call('fileexists', 'hello.txt/x'), false);
  fails('fileexists', ['conf'], failed('fileexists', `${join(dir, 'conf')} is not a regular file, but "${modeOf()}"`));
});

function modeOf(): string {
  // mkdirSync honours the umask, so compute what the directory's mode string is expected to be.
  const mask = process.umask();
  const mode = 0o777 & ~mask;
  let s = 'd';
  for (let i = 8; i >= 0; i--) s += mode & (1 << i) ? 'rwx'[(8 - i) % 3] : '-';
  return s;
}

test('fileset globs regular files', () => {
  assert.deepEqual(call('fileset', '.', '*.txt'), ['hello.txt']);
  assert.deepEqual(call('fileset', 'conf', '*'), ['a.conf', 'b.yml']);
  assert.deepEqual(call('fileset', 'conf', '**/*.conf'), ['a.conf', 'nested/c.conf']);
  assert.deepEqual(call('fileset', '.', 'conf/{a,b}.*'), ['conf/a.conf', 'conf/b.yml']);
  assert.deepEqual(call('fileset', dir, 'conf/[ab].conf'), ['conf/a.conf']);
  assert.deepEqual(call('fileset', '.', 'conf/?.yml'), ['conf/b.yml']);
  assert.deepEqual(call('fileset', '.', 'hello.txt'), ['hello.txt']);
  assert.deepEqual(call('fileset', '.', 'nothing/*'), []);
  fails('fileset', ['.', 'conf/[a'], failed('fileset', `failed to glob pattern (${join(dir, 'conf/[a')}): syntax error in pattern`));
});

test('path functions', () => {
  assert.equal(call('basename', 'foo/bar/baz.txt'), 'baz.txt');
  assert.equal(call('basename', '/foo/bar/'), 'bar');
  assert.equal(call('basename', ''), '.');
  assert.equal(call('basename', '///'), '/');
  assert.equal(call('dirname', 'foo/bar/baz.txt'), 'foo/bar');
  assert.equal(call('dirname', '/foo/bar/'), '/foo/bar');
  assert.equal(call('dirname', 'baz.txt'), '.');
  assert.equal(call('dirname', '/'), '/');
  assert.equal(call('abspath', '/a/../b/./c/'), '/b/c');
  assert.equal(call('abspath', 'x/y'), join(process.cwd(), 'x/y'));
  const home = process.env.HOME!;
  assert.equal(call('pathexpand', '~/.ssh/id_rsa'), `${home}/.ssh/id_rsa`);
  assert.equal(call('pathexpand', '/etc/resolv.conf'), '/etc/resolv.conf');
  fails('pathexpand', ['~root/x'], failed('pathexpand', 'cannot expand user-specific home dir'));
});

test('every filesystem function is refused without allowFS, after the arity check', () => {
  for (const name of ['file', 'filebase64', 'fileexists', 'abspath', 'basename', 'dirname', 'pathexpand']) {
    fails(name, ['hello.txt'], failed(name, 'filesystem function disabled'), false);
  }
  fails('fileset', ['.', '*'], failed('fileset', 'filesystem function disabled'), false);
  fails('file', [], 'Not enough function arguments; Function "file" expects 1 argument(s). Missing value for "path".', false);
});
