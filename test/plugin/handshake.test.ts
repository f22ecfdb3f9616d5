import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  bindTarget,
  handshakeLine,
  hasMagicCookie,
  MAGIC_COOKIE_KEY,
  MAGIC_COOKIE_VALUE,
  negotiateProtocolVersion,
  socketPathCandidates,
} from '../../src/plugin/handshake.js';

describe('handshake helpers', () => {
  test('recognises only Nomad’s exact cookie', () => {
    assert.equal(hasMagicCookie({ [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE }), true);
    assert.equal(hasMagicCookie({ [MAGIC_COOKIE_KEY]: `${MAGIC_COOKIE_VALUE} ` }), false);
    assert.equal(hasMagicCookie({}), false);
    assert.equal(MAGIC_COOKIE_KEY, 'NOMAD_PLUGIN_MAGIC_COOKIE');
  });

  test('negotiates the protocol version from PLUGIN_PROTOCOL_VERSIONS', () => {
    assert.deepEqual(negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '2' }), { version: 2, agreed: true });
    assert.deepEqual(negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '1, 2,3' }), { version: 2, agreed: true });
    assert.deepEqual(negotiateProtocolVersion({}), { version: 2, agreed: true });
    assert.deepEqual(negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: 'x,,' }), { version: 2, agreed: true });
    assert.deepEqual(negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '5,6' }), { version: 2, agreed: false });
    assert.deepEqual(negotiateProtocolVersion({ PLUGIN_PROTOCOL_VERSIONS: '3,4,5' }, [2, 4]), { version: 4, agreed: true });
  });

  test('formats the handshake line and the bind target for unix and tcp', () => {
    const unix = { network: 'unix', path: '/tmp/pot-nomad-0a1b2c3d.sock' } as const;
    const tcp = { network: 'tcp', host: '127.0.0.1', port: 43117 } as const;
    assert.equal(handshakeLine(2, unix), '1|2|unix|/tmp/pot-nomad-0a1b2c3d.sock|grpc');
    assert.equal(handshakeLine(2, tcp), '1|2|tcp|127.0.0.1:43117|grpc');
    assert.equal(bindTarget(unix), 'unix:/tmp/pot-nomad-0a1b2c3d.sock');
    assert.equal(bindTarget(tcp), 'ipv4:127.0.0.1:43117');
  });

  test('chooses short socket paths: the env dir first, then the temp dirs, skipping ones too long', () => {
    assert.deepEqual(socketPathCandidates({ PLUGIN_UNIX_SOCKET_DIR: '/run/nomad' }, '/var/tmp', 'abcd1234'), [
      '/run/nomad/pot-nomad-abcd1234.sock',
      '/var/tmp/pot-nomad-abcd1234.sock',
      '/tmp/pot-nomad-abcd1234.sock',
    ]);
    assert.deepEqual(socketPathCandidates({}, '/tmp/', 'abcd1234'), ['/tmp/pot-nomad-abcd1234.sock']);
    const long = `/${'d'.repeat(90)}`;
    assert.deepEqual(socketPathCandidates({ PLUGIN_UNIX_SOCKET_DIR: long }, long, 'abcd1234'), ['/tmp/pot-nomad-abcd1234.sock']);
    for (const p of socketPathCandidates({}, '/tmp')) assert.match(p, /^\/tmp\/pot-nomad-[0-9a-f]{8}\.sock$/);
  });
});
