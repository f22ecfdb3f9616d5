import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Getopts, GetoptsItem } from '../../src/emulator/getopts.js';

function parse(args: string[], spec: string): { items: GetoptsItem[]; operands: string[]; diagnostics: string } {
  let diagnostics = '';
  const getopts = new Getopts(args, spec, (text) => void (diagnostics += text));
  const items: GetoptsItem[] = [];
  for (let item = getopts.next(); item !== undefined; item = getopts.next()) items.push(item);
  return { items, operands: getopts.operands(), diagnostics };
}

describe('Getopts (FreeBSD sh getopts semantics)', () => {
  it('reads grouped flags, attached and separate arguments, in order', () => {
    const { items, operands } = parse(['-vF', '-pweb', '-A', 'persistent', 'rest', '-x'], 'hvFp:A:');
    assert.deepEqual(items, [
      { kind: 'option', name: 'v', value: undefined },
      { kind: 'option', name: 'F', value: undefined },
      { kind: 'option', name: 'p', value: 'web' },
      { kind: 'option', name: 'A', value: 'persistent' },
    ]);
    assert.deepEqual(operands, ['rest', '-x']);
  });

  it('takes the next word as the argument even if it starts with a dash', () => {
    const { items } = parse(['-p', '-v'], 'vp:');
    assert.deepEqual(items, [{ kind: 'option', name: 'p', value: '-v' }]);
  });

  it('stops at --, at a lone - and at the first operand', () => {
    assert.deepEqual(parse(['-v', '--', '-p', 'x'], 'vp:').operands, ['-p', 'x']);
    assert.deepEqual(parse(['-', '-v'], 'v').operands, ['-', '-v']);
    assert.deepEqual(parse(['start', '-v'], 'v').items, []);
  });

  it('reports an unknown option and a missing argument as bad, with the shell\'s diagnostics', () => {
    const unknown = parse(['-q'], 'v');
    assert.deepEqual(unknown.items, [{ kind: 'bad', name: 'q' }]);
    assert.equal(unknown.diagnostics, 'Illegal option -q\n');
    const missing = parse(['-v', '-p'], 'vp:');
    assert.deepEqual(missing.items, [
      { kind: 'option', name: 'v', value: undefined },
      { kind: 'bad', name: 'p' },
    ]);
    assert.equal(missing.diagnostics, 'No arg for -p option\n');
  });
});
