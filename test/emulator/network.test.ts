import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidExportPort } from '../../src/emulator/network.js';

describe('isValidExportPort (pot export-ports syntax)', () => {
  it('accepts [tcp:|udp:]A[:B] with ports 1-65535 and ignores further fields', () => {
    for (const valid of ['80', '80:23456', 'tcp:443', 'udp:53:5353', '80:8080:extra', '65535']) {
      assert.equal(isValidExportPort(valid), true, valid);
    }
  });

  it('rejects empty, zero, out-of-range and non-numeric ports', () => {
    for (const invalid of ['', '80:', ':80', '0', '65536', 'http', 'tcp:', 'sctp:80', '8o']) {
      assert.equal(isValidExportPort(invalid), false, invalid);
    }
  });
});
