import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PotCommandError,
  PotError,
  PotNotFoundError,
  PotOutputError,
  PotTimeoutError,
} from '../../src/pot/errors.js';

const BIN = '/usr/local/bin/pot';
const PREPARE_HELP = 'pot prepare [-hvS] -p pot -U URL -t tag -a aID -n potname -c cmd\n';

test('PotCommandError uses pot\'s ###> lines and names the subcommand', () => {
  const error = new PotCommandError(
    [BIN, 'prepare', '-p', 'img', '-N', 'foo'],
    1,
    `###>  Network type foo not recognized\n${PREPARE_HELP}`,
    '',
  );
  assert.equal(error.message, 'pot prepare failed (exit 1): Network type foo not recognized');
  assert.equal(error.detail, 'Network type foo not recognized');
  assert.deepEqual(error.argv, [BIN, 'prepare', '-p', 'img', '-N', 'foo']);
  assert.equal(error.exitCode, 1);
  assert.equal(error.name, 'PotCommandError');
  assert.equal(error.retryable, false);
  assert.ok(error instanceof PotError);
});

test('PotCommandError joins several ###> lines, from stdout and stderr', () => {
  const error = new PotCommandError(
    [BIN, 'destroy', '-p', 'x', '-F'],
    1,
    '###>  Pot x not found\n###>  pot x not found or corrupted. Try to use the -F flag\n',
    "###>  /opt/pot does not exist, please run 'pot init'\n",
  );
  assert.equal(
    error.message,
    "pot destroy failed (exit 1): Pot x not found; pot x not found or corrupted. Try to use the -F flag; /opt/pot does not exist, please run 'pot init'",
  );
});

test('PotCommandError falls back to the last stderr line, then the last stdout line, then the exit status', () => {
  assert.equal(
    new PotCommandError([BIN, 'get-rss', '-p', 'x', '-J'], 2, 'out 1\nout 2\n', 'err 1\nerr 2\n\n').message,
    'pot get-rss failed (exit 2): err 2',
  );
  assert.equal(
    new PotCommandError([BIN, 'get-rss', '-p', 'x', '-J'], 2, 'out 1\nout 2\n', '').message,
    'pot get-rss failed (exit 2): out 2',
  );
  assert.equal(new PotCommandError([BIN, 'signal', '-p', 'x'], 3, '', '\n').message, 'pot signal failed: exit status 3');
  assert.equal(new PotCommandError([BIN], 1, '', '').message, 'pot failed: exit status 1');
});

test('PotCommandError marks image download failures of prepare as retryable', () => {
  const fetchFailed = new PotCommandError(
    [BIN, 'prepare', '-U', 'https://example.org', '-p', 'img', '-t', '1.0', '-a', 'a', '-n', 'n'],
    1,
    '===>  importing img @ 1.0 as img_1_0\n',
    'fetch: https://example.org/img_1.0.xz: Operation timed out\n',
  );
  assert.equal(fetchFailed.retryable, true);
  assert.equal(fetchFailed.message, 'pot prepare failed (exit 1): fetch: https://example.org/img_1.0.xz: Operation timed out');
  const hashMismatch = new PotCommandError([BIN, 'prepare'], 1, '###>  The image and its hash do not overlap\n', '');
  assert.equal(hashMismatch.retryable, true);
  const badNetwork = new PotCommandError([BIN, 'prepare'], 1, '###>  Network type foo not recognized\n', '');
  assert.equal(badNetwork.retryable, false);
  const otherCommand = new PotCommandError([BIN, 'copy-in'], 1, '', 'fetch: something\n');
  assert.equal(otherCommand.retryable, false);
});

test('PotTimeoutError says how long pot was allowed to run', () => {
  const error = new PotTimeoutError([BIN, 'prepare', '-p', 'x'], 600_000);
  assert.equal(error.message, 'pot prepare did not finish within 600s and was killed');
  assert.equal(error.timeoutMs, 600_000);
  assert.equal(error.retryable, true);
  assert.equal(new PotTimeoutError([BIN, 'get-rss'], 300).message, 'pot get-rss did not finish within 300ms and was killed');
});

test('PotNotFoundError and PotOutputError messages', () => {
  const missing = new PotNotFoundError(BIN);
  assert.equal(missing.message, 'pot binary /usr/local/bin/pot not found');
  assert.equal(missing.bin, BIN);
  assert.equal(missing.retryable, false);
  assert.equal(new PotNotFoundError(BIN, 'not-executable').message, 'pot binary /usr/local/bin/pot is not executable');
  const output = new PotOutputError('version', 'no version number found', 'junk');
  assert.equal(output.message, 'cannot read the output of pot version: no version number found');
  assert.equal(output.text, 'junk');
});
