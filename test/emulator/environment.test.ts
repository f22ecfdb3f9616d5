import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEnvEntry, encodeEnvEntry, potEnvironment } from '../../src/emulator/environment.js';
import { PotConf } from '../../src/emulator/state.js';

describe('pot environment', () => {
  it('stores entries as set-env does and reads them back through double-quote rules', () => {
    const stored = encodeEnvEntry('MSG=say "hi"');
    assert.equal(stored, '"MSG=say \\"hi\\""');
    assert.deepEqual(decodeEnvEntry(stored, {}), ['MSG', 'say "hi"']);
  });

  it('expands $VAR and ${VAR} from earlier entries and keeps backquotes literal', () => {
    const env = { HOME: '/', NAME: 'pot' };
    assert.deepEqual(decodeEnvEntry('"X=$HOME/${NAME}-$UNSET-\\$HOME"', env), ['X', '//pot--$HOME']);
    assert.deepEqual(decodeEnvEntry('"Y=`date` \\\\ \\n"', env), ['Y', '`date` \\ \\n']);
  });

  it('gives the command only the pot environment, with default PATH and HOME', () => {
    const conf = PotConf.parse('ip=10.192.0.4\npot.env="PATH=/opt/bin"\npot.env="GREETING=hi $PATH"\npot.env="1BAD=x"\n');
    assert.deepEqual(potEnvironment('web', conf), {
      PATH: '/opt/bin',
      HOME: '/',
      GREETING: 'hi /opt/bin',
      _POT_NAME: 'web',
      _POT_IP: '10.192.0.4',
    });
  });
});
