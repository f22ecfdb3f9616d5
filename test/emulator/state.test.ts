import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PotConf, resolveStateRoot } from '../../src/emulator/state.js';

describe('PotConf (pot.conf read/write rules)', () => {
  const text = [
    'pot.type=single',
    'host.hostname="web.example"',
    'pot.cmd=nginx -g \'daemon off;\'',
    'pot.env="A=1"',
    'pot.env="B=two words"',
    'pot.env="C=line one',
    'line two"',
    'pot.attr.persistent=NO',
    '',
  ].join('\n');

  it('reads values as _get_conf_var does: blanks and quotes removed, text up to the next =', () => {
    const conf = PotConf.parse(text);
    assert.equal(conf.value('host.hostname'), 'web.example');
    assert.equal(conf.value('pot.env'), 'A\nB\nC');
    assert.equal(conf.value('missing'), '');
    assert.equal(conf.raw('pot.cmd'), "nginx -g 'daemon off;'");
  });

  it('keeps a multi-line pot.env value as one entry', () => {
    const conf = PotConf.parse(text);
    assert.deepEqual(conf.rawValues('pot.env'), ['"A=1"', '"B=two words"', '"C=line one\nline two"']);
    assert.equal(conf.toString(), text);
  });

  it('replaces by deleting every key= line and appending at the end', () => {
    const conf = PotConf.parse(text);
    conf.replace('pot.env', ['"D=4"']);
    conf.set('pot.type', 'multi');
    assert.equal(
      conf.toString(),
      ['host.hostname="web.example"', "pot.cmd=nginx -g 'daemon off;'", 'pot.attr.persistent=NO', 'pot.env="D=4"', 'pot.type=multi', ''].join('\n'),
    );
  });

  it('does not treat a quote in pot.cmd as an open value', () => {
    const conf = PotConf.parse('pot.cmd="x\npot.type=single\n');
    assert.equal(conf.value('pot.type'), 'single');
  });
});

describe('resolveStateRoot', () => {
  it('prefers POT_EMULATOR_ROOT, then XDG_STATE_HOME, then ~/.local/state', () => {
    assert.equal(resolveStateRoot({ POT_EMULATOR_ROOT: '/srv/pots', XDG_STATE_HOME: '/x' }), '/srv/pots');
    assert.equal(resolveStateRoot({ XDG_STATE_HOME: '/x/state' }), '/x/state/pot-nomad/emulator');
    assert.match(resolveStateRoot({ XDG_STATE_HOME: 'relative' }), /\/\.local\/state\/pot-nomad\/emulator$/);
  });
});
