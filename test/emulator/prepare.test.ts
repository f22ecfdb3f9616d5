import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandLine } from '../../src/emulator/commands/prepare.js';

describe('prepare -c (set-cmd quoting)', () => {
  it('strips one leading double quote and then one trailing one', () => {
    assert.equal(commandLine(`"nginx -g 'daemon off;'"`), "nginx -g 'daemon off;'");
    assert.equal(commandLine('""quoted""'), '"quoted"');
    assert.equal(commandLine('"no trailing'), 'no trailing');
    assert.equal(commandLine('no leading"'), 'no leading"');
    assert.equal(commandLine('/usr/local/bin/redis-server'), '/usr/local/bin/redis-server');
  });
});
