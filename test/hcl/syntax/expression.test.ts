import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Expr } from '../../../src/hcl/syntax/ast.js';
import { parseExpression } from '../../../src/hcl/syntax/parser.js';
import { finder, spanning } from './helpers.js';

const FILE = 't.hcl';

/** Parses `src`, asserts it has no diagnostics and returns the tree plus a range finder over the source. */
function parse(src: string): { expr: Expr; at: ReturnType<typeof finder> } {
  const r = parseExpression(FILE, src);
  assert.deepEqual(r.diagnostics, []);
  assert.ok(r.expr);
  return { expr: r.expr, at: finder(FILE, src) };
}

describe('literals and variables', () => {
  it('parses numbers, keeping their text for the evaluator\u2019s exact parse', () => {
    for (const [src, value] of [['42', 42], ['1.5', 1.5], ['1e3', 1000], ['2.5E-1', 0.25], ['007', 7]] as const) {
      const { expr, at } = parse(src);
      assert.deepEqual(expr, { kind: 'Literal', value, text: src, range: at(src) });
    }
  });

  it('parses true, false and null as literals and other names as variables', () => {
    assert.deepEqual(parse('true').expr, { kind: 'Literal', value: true, range: parse('true').at('true') });
    assert.deepEqual(parse('false').expr, { kind: 'Literal', value: false, range: parse('false').at('false') });
    assert.deepEqual(parse('null').expr, { kind: 'Literal', value: null, range: parse('null').at('null') });
    const { expr, at } = parse('NOMAD_ALLOC_ID');
    assert.deepEqual(expr, { kind: 'Variable', name: 'NOMAD_ALLOC_ID', range: at('NOMAD_ALLOC_ID') });
  });

  it('accepts dashes and non-ASCII letters in identifiers, counting columns in UTF-16 units', () => {
    const { expr, at } = parse('my-var.é_1');
    assert.deepEqual(expr, {
      kind: 'GetAttr',
      object: { kind: 'Variable', name: 'my-var', range: at('my-var') },
      name: 'é_1',
      range: at('my-var.é_1'),
    });
    assert.equal(at('é_1').end.column, 11);
  });
});

describe('traversals', () => {
  it('parses attribute access and index steps from left to right', () => {
    const src = 'var.m["k"][0]';
    const { expr, at } = parse(src);
    assert.deepEqual(expr, {
      kind: 'Index',
      object: {
        kind: 'Index',
        object: {
          kind: 'GetAttr',
          object: { kind: 'Variable', name: 'var', range: at('var') },
          name: 'm',
          range: at('var.m'),
        },
        key: { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value: 'k', range: at('k') }], heredoc: false, range: at('"k"') },
        range: at('var.m["k"]'),
      },
      key: { kind: 'Literal', value: 0, text: '0', range: at('0') },
      range: at(src),
    });
  });

  it('reads the legacy `.0` form as an index with a number key', () => {
    const { expr, at } = parse('a.0.b');
    assert.deepEqual(expr, {
      kind: 'GetAttr',
      object: {
        kind: 'Index',
        object: { kind: 'Variable', name: 'a', range: at('a') },
        key: { kind: 'Literal', value: 0, text: '0', range: at('0') },
        range: at('a.0'),
      },
      name: 'b',
      range: at('a.0.b'),
    });
  });

  it('ignores newlines inside index brackets', () => {
    const { expr, at } = parse('a[\n  1\n]');
    assert.deepEqual(expr, {
      kind: 'Index',
      object: { kind: 'Variable', name: 'a', range: at('a') },
      key: { kind: 'Literal', value: 1, text: '1', range: at('1') },
      range: at('a[\n  1\n]'),
    });
  });

  it('parses a full splat, whose each-expression takes every following step', () => {
    const { expr, at } = parse('a[*].b[0]');
    assert.deepEqual(expr, {
      kind: 'Splat',
      source: { kind: 'Variable', name: 'a', range: at('a') },
      each: {
        kind: 'Index',
        object: {
          kind: 'GetAttr',
          object: { kind: 'AnonSymbol', range: at('[*]') },
          name: 'b',
          range: at('[*].b'),
        },
        key: { kind: 'Literal', value: 0, text: '0', range: at('0') },
        range: at('[*].b[0]'),
      },
      attrOnly: false,
      range: at('a[*].b[0]'),
    });
  });

  it('parses an attribute-only splat, which stops before an index', () => {
    const { expr, at } = parse('a.*.b[0]');
    assert.deepEqual(expr, {
      kind: 'Index',
      object: {
        kind: 'Splat',
        source: { kind: 'Variable', name: 'a', range: at('a') },
        each: {
          kind: 'GetAttr',
          object: { kind: 'AnonSymbol', range: at('.*') },
          name: 'b',
          range: at('.*.b'),
        },
        attrOnly: true,
        range: at('a.*.b'),
      },
      key: { kind: 'Literal', value: 0, text: '0', range: at('0') },
      range: at('a.*.b[0]'),
    });
  });

  it('parses a bare splat', () => {
    const { expr, at } = parse('x[*]');
    assert.deepEqual(expr, {
      kind: 'Splat',
      source: { kind: 'Variable', name: 'x', range: at('x') },
      each: { kind: 'AnonSymbol', range: at('[*]') },
      attrOnly: false,
      range: at('x[*]'),
    });
  });
});

describe('function calls', () => {
  it('parses arguments, a trailing comma and newlines between them', () => {
    const src = 'join(",",\n  [1],\n)';
    const { expr, at } = parse(src);
    assert.deepEqual(expr, {
      kind: 'FunctionCall',
      name: 'join',
      nameRange: at('join'),
      args: [
        { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value: ',', range: at(',') }], heredoc: false, range: at('","') },
        { kind: 'Tuple', items: [{ kind: 'Literal', value: 1, text: '1', range: at('1') }], range: at('[1]') },
      ],
      expandFinal: false,
      range: at(src),
    });
  });

  it('marks `...` expansion of the final argument', () => {
    const { expr, at } = parse('concat(a, b...)');
    assert.deepEqual(expr, {
      kind: 'FunctionCall',
      name: 'concat',
      nameRange: at('concat'),
      args: [{ kind: 'Variable', name: 'a', range: at('a', 1) }, { kind: 'Variable', name: 'b', range: at('b') }],
      expandFinal: true,
      range: at('concat(a, b...)'),
    });
  });

  it('parses a call without arguments and namespaced names', () => {
    const { expr, at } = parse('provider::ns::uuidv4()');
    assert.deepEqual(expr, {
      kind: 'FunctionCall',
      name: 'provider::ns::uuidv4',
      nameRange: at('provider::ns::uuidv4'),
      args: [],
      expandFinal: false,
      range: at('provider::ns::uuidv4()'),
    });
  });
});

describe('operators', () => {
  it('applies HCL precedence: || < && < == != < comparisons < + - < * / %', () => {
    const { expr, at } = parse('a || b && c == d < e + f * g');
    const v = (n: string) => ({ kind: 'Variable', name: n, range: at(n) });
    assert.deepEqual(expr, {
      kind: 'BinaryOp', op: '||', left: v('a'),
      right: {
        kind: 'BinaryOp', op: '&&', left: v('b'),
        right: {
          kind: 'BinaryOp', op: '==', left: v('c'),
          right: {
            kind: 'BinaryOp', op: '<', left: v('d'),
            right: {
              kind: 'BinaryOp', op: '+', left: v('e'),
              right: { kind: 'BinaryOp', op: '*', left: v('f'), right: v('g'), range: at('f * g') },
              range: at('e + f * g'),
            },
            range: at('d < e + f * g'),
          },
          range: at('c == d < e + f * g'),
        },
        range: at('b && c == d < e + f * g'),
      },
      range: at('a || b && c == d < e + f * g'),
    });
  });

  it('groups operators of one level from the left', () => {
    const { expr, at } = parse('a - b - c');
    assert.deepEqual(expr, {
      kind: 'BinaryOp',
      op: '-',
      left: {
        kind: 'BinaryOp', op: '-',
        left: { kind: 'Variable', name: 'a', range: at('a') },
        right: { kind: 'Variable', name: 'b', range: at('b') },
        range: at('a - b'),
      },
      right: { kind: 'Variable', name: 'c', range: at('c') },
      range: at('a - b - c'),
    });
  });

  it('knows every binary operator', () => {
    for (const op of ['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%']) {
      const { expr } = parse(`x ${op} y`);
      assert.equal(expr.kind === 'BinaryOp' && expr.op, op);
    }
  });

  it('binds unary operators tighter than binary ones and looser than traversals', () => {
    const { expr, at } = parse('!a.b == -1');
    assert.deepEqual(expr, {
      kind: 'BinaryOp',
      op: '==',
      left: {
        kind: 'UnaryOp', op: '!',
        operand: { kind: 'GetAttr', object: { kind: 'Variable', name: 'a', range: at('a') }, name: 'b', range: at('a.b') },
        range: at('!a.b'),
      },
      right: { kind: 'UnaryOp', op: '-', operand: { kind: 'Literal', value: 1, text: '1', range: at('1') }, range: at('-1') },
      range: at('!a.b == -1'),
    });
  });

  it('parses conditionals, nesting to the right', () => {
    const { expr, at } = parse('a ? 1 : b ? 2 : 3');
    assert.deepEqual(expr, {
      kind: 'Conditional',
      condition: { kind: 'Variable', name: 'a', range: at('a') },
      then: { kind: 'Literal', value: 1, text: '1', range: at('1') },
      else: {
        kind: 'Conditional',
        condition: { kind: 'Variable', name: 'b', range: at('b') },
        then: { kind: 'Literal', value: 2, text: '2', range: at('2') },
        else: { kind: 'Literal', value: 3, text: '3', range: at('3') },
        range: at('b ? 2 : 3'),
      },
      range: at('a ? 1 : b ? 2 : 3'),
    });
  });

  it('keeps parentheses as a node', () => {
    const { expr, at } = parse('(a + 1) * 2');
    assert.deepEqual(expr, {
      kind: 'BinaryOp',
      op: '*',
      left: {
        kind: 'Parens',
        expr: {
          kind: 'BinaryOp', op: '+',
          left: { kind: 'Variable', name: 'a', range: at('a') },
          right: { kind: 'Literal', value: 1, text: '1', range: at('1') },
          range: at('a + 1'),
        },
        range: at('(a + 1)'),
      },
      right: { kind: 'Literal', value: 2, text: '2', range: at('2') },
      range: at('(a + 1) * 2'),
    });
  });
});

describe('collections', () => {
  it('parses tuples with newlines and a trailing comma', () => {
    const src = '[\n  "a",\n  2,\n]';
    const { expr, at } = parse(src);
    assert.deepEqual(expr, {
      kind: 'Tuple',
      items: [
        { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value: 'a', range: at('a') }], heredoc: false, range: at('"a"') },
        { kind: 'Literal', value: 2, text: '2', range: at('2') },
      ],
      range: at(src),
    });
    assert.deepEqual(parse('[]').expr, { kind: 'Tuple', items: [], range: parse('[]').at('[]') });
  });

  it('parses objects with = or :, comma or newline separators, and literal, quoted and computed keys', () => {
    const src = '{\n  http = "80", "a b": 1\n  (k) = 2\n  null = 3\n  4 = 5\n}';
    const { expr, at } = parse(src);
    const lit = (value: string, quoted = false) => ({
      kind: 'Template',
      parts: [{ kind: 'TemplateLiteral', value, range: at(value) }],
      heredoc: false,
      range: quoted ? at(`"${value}"`) : at(value),
    });
    assert.deepEqual(expr, {
      kind: 'Object',
      items: [
        { key: lit('http'), bareKey: true, value: lit('80', true), range: at('http = "80"') },
        { key: lit('a b', true), bareKey: false, value: { kind: 'Literal', value: 1, text: '1', range: at('1') }, range: at('"a b": 1') },
        {
          key: { kind: 'Parens', expr: { kind: 'Variable', name: 'k', range: at('k') }, range: at('(k)') },
          bareKey: false,
          value: { kind: 'Literal', value: 2, text: '2', range: at('2') },
          range: at('(k) = 2'),
        },
        { key: lit('null'), bareKey: true, value: { kind: 'Literal', value: 3, text: '3', range: at('3') }, range: at('null = 3') },
        {
          key: { kind: 'Literal', value: 4, text: '4', range: at('4') },
          bareKey: false,
          value: { kind: 'Literal', value: 5, text: '5', range: at('5') },
          range: at('4 = 5'),
        },
      ],
      range: at(src),
    });
  });

  it('parses a tuple `for` with a condition', () => {
    const src = '[for i, v in var.l : upper(v) if i < 2]';
    const { expr, at } = parse(src);
    assert.deepEqual(expr, {
      kind: 'For',
      keyVar: 'i',
      valueVar: 'v',
      collection: { kind: 'GetAttr', object: { kind: 'Variable', name: 'var', range: at('var') }, name: 'l', range: at('var.l') },
      valueExpr: {
        kind: 'FunctionCall', name: 'upper', nameRange: at('upper'),
        args: [{ kind: 'Variable', name: 'v', range: at('v', 2) }],
        expandFinal: false, range: at('upper(v)'),
      },
      condition: {
        kind: 'BinaryOp', op: '<',
        left: { kind: 'Variable', name: 'i', range: at('i', 3) },
        right: { kind: 'Literal', value: 2, text: '2', range: at('2') },
        range: at('i < 2'),
      },
      group: false,
      range: at(src),
    });
  });

  it('parses an object `for` with a key expression and grouping', () => {
    const src = '{for s in list : s.k => s.v...}';
    const { expr, at } = parse(src);
    assert.deepEqual(expr, {
      kind: 'For',
      valueVar: 's',
      collection: { kind: 'Variable', name: 'list', range: at('list') },
      keyExpr: { kind: 'GetAttr', object: { kind: 'Variable', name: 's', range: at('s', 2) }, name: 'k', range: at('s.k') },
      valueExpr: { kind: 'GetAttr', object: { kind: 'Variable', name: 's', range: at('s', 3) }, name: 'v', range: at('s.v') },
      group: true,
      range: at(src),
    });
  });

  it('ignores newlines anywhere inside a `for`', () => {
    const { expr } = parse('{\n  for k, v in m :\n  k => v\n  if v\n}');
    assert.equal(expr.kind, 'For');
  });
});

describe('ranges of compound expressions', () => {
  it('spans from the first to the last token', () => {
    const src = 'f(x)[0].y ? "a" : "b"';
    const { expr, at } = parse(src);
    assert.ok(expr.kind === 'Conditional');
    assert.deepEqual(expr.range, at(src));
    assert.deepEqual(expr.condition.range, spanning(at('f'), at('.y')));
  });
});
