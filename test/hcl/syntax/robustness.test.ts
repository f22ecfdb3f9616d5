import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../../src/hcl/source.js';
import { parseExpression, parseFile } from '../../../src/hcl/syntax/parser.js';
import { copyRun, deleteRun, insertFragment, mutate } from '../../fuzz/mutate.js';
import { seededRandom } from '../../fuzz/random.js';
import { SEED_JOB } from './seed-job.js';

const TOO_DEEP_256 =
  'Blocks, brackets, parentheses, template sequences, operators and attribute or index steps may be nested at most 256 levels deep; the content nested deeper than that was skipped.';

function summaries(diags: Diagnostic[]): string[] {
  return diags.map((d) => d.summary);
}

/** Every range in the tree lies inside the source, starts before it ends and has 1-based positions. */
function assertSaneRanges(node: unknown, sourceLength: number): void {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      stack.push(...n);
    } else if (n !== null && typeof n === 'object') {
      const rec = n as Record<string, unknown>;
      const range = rec.range as { start: { offset: number; line: number; column: number }; end: { offset: number } } | undefined;
      if (range) {
        assert.ok(range.start.offset <= range.end.offset && range.end.offset <= sourceLength, JSON.stringify(range));
        assert.ok(range.start.line >= 1 && range.start.column >= 1, JSON.stringify(range));
      }
      for (const [k, v] of Object.entries(rec)) if (k !== 'range' && k !== 'source') stack.push(v);
    }
  }
}

describe('nesting limits', () => {
  const DEEP: Array<[string, string, string]> = [
    ['10,000 unclosed brackets', `a = ${'['.repeat(10_000)}`, '1:261'],
    ['10,000 balanced brackets', `a = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, '1:261'],
    ['10,000 parentheses', `a = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`, '1:261'],
    ['10,000 unary operators', `a = ${'-!'.repeat(5_000)}1\n`, '1:261'],
    ['10,000 nested blocks', `${'b {\n'.repeat(10_000)}${'}\n'.repeat(10_000)}`, '257:1'],
    ['10,000 nested objects', `a = ${'{a='.repeat(10_000)}1${'}'.repeat(10_000)}\n`, '1:771'],
    ['10,000 nested interpolations', `a = ${'"${'.repeat(10_000)}1${'}"'.repeat(10_000)}\n`, '1:773'],
    ['10,000 nested if directives', `a = "${'%{if x}'.repeat(10_000)}"\n`, '1:1791'],
    ['10,000 nested function calls', `a = ${'f('.repeat(10_000)}`, '1:517'],
    ['10,000 chained conditionals', `a = ${'x ? y : '.repeat(10_000)}z\n`, '1:2049'],
    ['10,000 splats', `a = b${'[*]'.repeat(10_000)}\n`, '1:774'],
    ['10,000 chained operators', `a = ${'1 + '.repeat(10_000)}1\n`, '1:1027'],
    ['10,000 attribute steps', `a = b${'.c'.repeat(10_000)}\n`, '1:516'],
    ['10,000 index steps', `a = b${'[0]'.repeat(10_000)}\n`, '1:769'],
    ['10,000 attribute splat steps', `a = b.*${'.c'.repeat(10_000)}\n`, '1:516'],
  ];
  for (const [what, src, where] of DEEP) {
    it(`stops ${what} with one diagnostic instead of overflowing the stack`, () => {
      const r = parseFile('deep.hcl', src);
      const deep = r.diagnostics.filter((d) => d.summary === 'Nesting too deep');
      assert.equal(deep.length, 1);
      assert.equal(deep[0].detail, TOO_DEEP_256);
      assert.equal(`${deep[0].range?.start.line}:${deep[0].range?.start.column}`, where);
      assertSaneRanges(r.file.body, src.length);
    });
  }

  it('accepts nesting up to the limit and honours a custom limit', () => {
    const nested = (n: number) => `a = ${'['.repeat(n)}${']'.repeat(n)}\n`;
    assert.deepEqual(parseFile('t.hcl', nested(200)).diagnostics, []);
    // The attribute value is one level and each operator or step nests its left side one more.
    assert.deepEqual(parseFile('t.hcl', `a = ${'1 + '.repeat(255)}1\n`).diagnostics, []);
    assert.deepEqual(summaries(parseFile('t.hcl', `a = ${'1 + '.repeat(256)}1\n`).diagnostics), ['Nesting too deep']);
    assert.deepEqual(parseFile('t.hcl', `a = b${'.c'.repeat(255)}\n`).diagnostics, []);
    assert.deepEqual(summaries(parseFile('t.hcl', `a = b${'.c'.repeat(256)}\n`).diagnostics), ['Nesting too deep']);
    // The attribute value is one level; each non-empty bracket adds one for its items.
    assert.deepEqual(parseFile('t.hcl', nested(6), { maxDepth: 6 }).diagnostics, []);
    assert.deepEqual(summaries(parseFile('t.hcl', nested(7), { maxDepth: 6 }).diagnostics), ['Nesting too deep']);
    assert.deepEqual(summaries(parseExpression('t.hcl', '((1))', { maxDepth: 2 }).diagnostics), ['Nesting too deep']);
  });

  it('keeps what precedes an over-deep value', () => {
    const r = parseFile('t.hcl', `x = 1\na = ${'['.repeat(300)}\n`);
    assert.equal(r.file.body.items[0].kind === 'Attribute' && r.file.body.items[0].name, 'x');
  });
});

describe('size limit', () => {
  it('refuses a file over maxBytes with one diagnostic, counting UTF-8 bytes', () => {
    const r = parseFile('big.hcl', `a = "${'é'.repeat(600)}"\n`, { maxBytes: 1000 });
    assert.deepEqual(r.diagnostics, [{
      severity: 'error',
      summary: 'File too large',
      detail: 'This file is 1207 bytes long, more than the 1000 bytes that are accepted.',
      range: { filename: 'big.hcl', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
    }]);
    assert.deepEqual(r.file.body.items, []);
    assert.deepEqual(summaries(parseExpression('e', '1'.repeat(20), { maxBytes: 10 }).diagnostics), ['File too large']);
    assert.equal(parseExpression('e', '1'.repeat(20), { maxBytes: 10 }).expr, undefined);
  });

  it('accepts a file exactly at the limit', () => {
    assert.deepEqual(parseFile('t.hcl', 'a = 1\n', { maxBytes: 6 }).diagnostics, []);
  });
});

describe('hostile input', () => {
  it('does not throw for input that is not a string', () => {
    const r = parseFile('t.hcl', undefined as unknown as string);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(summaries(parseFile('t.hcl', 123 as unknown as string).diagnostics), ['Argument or block definition required']);
  });

  it('survives lone surrogates, control characters and NUL bytes', () => {
    const r = parseFile('t.hcl', 'a = "\ud800"\nb\u0000 = 1\n\ud83d = 2\n');
    assert.ok(r.diagnostics.length > 0);
    assertSaneRanges(r.file.body, 30);
  });

  it('never throws on 2,000 randomly mutated job files', () => {
    const base = `${SEED_JOB}
locals {
  a = "x \${b[*].c} %{ if d ~}y%{ else }z%{ endif } $\${lit}"
  h = <<-EOT
    q \${f(1, [2]...)}
    EOT
  o = {for k, v in m : k => v... if v != null}
  t = a.*.b[0] + -c.0 * (d ? e : f)
}
`;
    const fragments = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '~}', '<<EOF\n', '<<-EOT\n', 'EOF\n', '\n', ',', '=',
      '.', '*', '...', '?', ':', '=>', 'for', 'in', 'if', '#', '//', '/*', '*/', '\\', '$$', '%%', '\t', '\r', 'é', '\ud83d',
      '0.0.1', '-', '!', '`', "'", ';', '&', '|', '::'];
    const random = seededRandom(20260101);
    const mutations = [deleteRun(12), insertFragment(fragments), copyRun(40)];
    for (let i = 0; i < 2000; i++) {
      const text = mutate(base, random, mutations, 6);
      let result: ReturnType<typeof parseFile>;
      try {
        result = parseFile('fuzz.hcl', text);
        parseExpression('fuzz.hcl', text.slice(random.int(text.length), random.int(text.length) + 200));
      } catch (err) {
        assert.fail(`case ${i} of seed ${random.seed} threw ${String(err)} on ${JSON.stringify(text)}`);
      }
      for (const d of result.diagnostics) {
        assert.ok(d.summary.length > 0 && d.range !== undefined, JSON.stringify(d));
        assert.ok(d.range.start.offset <= d.range.end.offset && d.range.end.offset <= text.length, JSON.stringify(d));
      }
      assertSaneRanges(result.file.body, text.length);
    }
  });
});
