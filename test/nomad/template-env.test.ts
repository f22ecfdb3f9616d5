import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnvTextError, parseEnvText } from '../../src/nomad/template-env.js';

describe('parseEnvText', () => {
  it('reads KEY=VALUE lines, skipping blanks and comments, with an optional export', () => {
    assert.deepEqual(parseEnvText('# c\n\n  A=1\r\nexport B = two words  \n   # indented comment\nC=\n'), { A: '1', B: 'two words', C: '' });
  });

  it('removes quotes: single quotes literally, double quotes with JSON escapes', () => {
    assert.deepEqual(parseEnvText(`S='it\\n is # literal'\nD="tab\\tnew\\nline \\"q\\" \\u00e9 #x"\nM=pre 'mid' "end" # tail\n`), {
      S: 'it\\n is # literal',
      D: 'tab\tnew\nline "q" \u00e9 #x',
      M: 'pre mid end',
    });
  });

  it('lets later lines win', () => {
    assert.deepEqual(parseEnvText('A=1\nA=2\n'), { A: '2' });
  });

  it('reports the line of a bad entry', () => {
    const cases: [string, string][] = [
      ['A=1\nB\n', 'line 2: expected KEY=VALUE, got "B"'],
      ['1A=x', 'line 1: invalid key "1A": keys are letters, digits and "_", not starting with a digit'],
      ['A="open', 'line 1: unterminated double-quoted value'],
      ["A='open", 'line 1: unterminated single-quoted value'],
      ['\n\nA="bad \\q"', 'line 3: invalid escape "\\\\q" in double-quoted value'],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parseEnvText(text), (e: unknown) => e instanceof EnvTextError && e.message === message, text);
    }
  });
});
