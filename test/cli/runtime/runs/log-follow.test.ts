import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { copyRange, fileSize, followFile, tailStart } from '../../../../src/cli/runtime/runs/log-follow.js';

const dir = mkdtempSync(join(tmpdir(), 'pn-log-follow-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function tail(text: string, lines: number): Promise<string> {
  const path = join(dir, 'tail.log');
  writeFileSync(path, text);
  const size = await fileSize(path);
  const chunks: Buffer[] = [];
  await copyRange(path, await tailStart(path, size, lines), size, async (c) => void chunks.push(Buffer.from(c)));
  return Buffer.concat(chunks).toString('utf8');
}

describe('tailStart', () => {
  test('the last N lines, with or without a final newline', async () => {
    assert.equal(await tail('a\nb\nc\n', 2), 'b\nc\n');
    assert.equal(await tail('a\nb\nc', 2), 'b\nc');
    assert.equal(await tail('a\nb\nc\n', 3), 'a\nb\nc\n');
    assert.equal(await tail('a\nb\nc\n', 10), 'a\nb\nc\n');
    assert.equal(await tail('a\nb\nc\n', 0), '');
    assert.equal(await tail('a\n\n\n', 2), '\n\n');
    assert.equal(await tail('', 5), '');
  });

  test('lines across chunk boundaries of a large file', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    assert.equal(await tail(`${lines.join('\n')}\n`, 3), 'line 19997\nline 19998\nline 19999\n');
    assert.equal(await tail(`x`.repeat(200_000), 1), 'x'.repeat(200_000));
  });

  test('a missing file has size 0', async () => {
    assert.equal(await fileSize(join(dir, 'nope')), 0);
  });
});

describe('followFile', () => {
  test('copies what is appended until told the writer is done, then what is left, and ends', async () => {
    const path = join(dir, 'follow.log');
    writeFileSync(path, 'old\n');
    let seen = '';
    let finish!: () => void;
    const until = new Promise<void>((resolve) => (finish = resolve));
    const following = followFile(path, 4, async (c) => void (seen += Buffer.from(c).toString('utf8')), { until, signal: new AbortController().signal, pollMs: 10 });
    appendFileSync(path, 'one\n');
    while (!seen.includes('one')) await new Promise((r) => setTimeout(r, 5));
    appendFileSync(path, 'two\n');
    finish();
    await following;
    assert.equal(seen, 'one\ntwo\n');
  });

  test('stops when the signal fires; a truncated file is read again from its start', async () => {
    const path = join(dir, 'truncate.log');
    writeFileSync(path, 'abcdef\n');
    let seen = '';
    const controller = new AbortController();
    const following = followFile(path, 7, async (c) => void (seen += Buffer.from(c).toString('utf8')), { until: new Promise(() => undefined), signal: controller.signal, pollMs: 10 });
    writeFileSync(path, 'new\n');
    while (!seen.includes('new')) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await following;
    assert.equal(seen, 'new\n');
  });
});
