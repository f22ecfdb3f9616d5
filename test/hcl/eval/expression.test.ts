import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf, valueOf } from './helpers.js';

// With no prelude the expression is on line 3, starting at column 7: `  x = <expr>`.

describe('arithmetic and comparison', () => {
  it('follows precedence and converts numeric strings', () => {
    assert.equal(valueOf('1 + 2 * 3'), 7);
    assert.equal(valueOf('"3" + 4'), 7);
    assert.equal(valueOf('10 / 4'), 2.5);
    assert.equal(valueOf('7 % 3'), 1);
    assert.equal(valueOf('-7 % 3'), -1);
    assert.equal(valueOf('-(2 - 5)'), 3);
    assert.equal(valueOf('(1 + 2) * 3'), 9);
  });

  it('compares numbers', () => {
    assert.deepEqual(valueOf('[3 > 2, 2 >= 2, "10" < 9, 1 <= 0]'), [true, true, false, false]);
  });

  it('reports unsuitable operands at the operand', () => {
    assert.deepEqual(errorsOf('1 + "a"'), ['3:11: Invalid operand; Unsuitable value for right operand: a number is required.']);
    assert.deepEqual(errorsOf('true * 2'), ['3:7: Invalid operand; Unsuitable value for left operand: number required, but have bool.']);
    assert.deepEqual(errorsOf('-"x"'), ['3:8: Invalid operand; Unsuitable value for unary operand: a number is required.']);
    assert.deepEqual(errorsOf('null + 1'), ['3:7: Operation failed; Error during operation: argument must not be null.']);
  });

  it('divides by zero as cty does: infinity, or the dividend for modulo, and 0 / 0 fails', () => {
    assert.equal(valueOf('"${1 / 0}"'), '+Inf');
    assert.equal(valueOf('5 % 0'), 5);
    assert.deepEqual(errorsOf('0 / 0'), ["3:7: Operation failed; Error during operation: can't divide zero by zero or infinity by infinity."]);
  });
});

describe('equality and logic', () => {
  it('compares deeply without converting between kinds', () => {
    assert.deepEqual(valueOf('[1 == "1", "a" == "a", null == null, 1 != null]'), [false, true, true, true]);
    assert.equal(valueOf('[1, { a = "x" }] == [1, { a = "x" }]'), true);
    assert.equal(valueOf('{ a = 1 } != { a = 2 }'), true);
    assert.equal(valueOf('[1, 2] == [1]'), false);
  });

  it('combines bools, converting "true"/"false" strings', () => {
    assert.deepEqual(valueOf('[true && false, false || "true", !true, !false && true]'), [false, true, false, true]);
  });

  it('evaluates both operands, as HCL does: no short circuit', () => {
    assert.equal(valueOf('false && 1 / 0 == 1'), false);
    assert.deepEqual(errorsOf('false && local.missing'), ['3:16: Reference to undeclared local value; A local value with the name "missing" has not been declared.']);
  });

  it('requires bool operands', () => {
    assert.deepEqual(errorsOf('1 && true'), ['3:7: Invalid operand; Unsuitable value for left operand: bool required, but have number.']);
    assert.deepEqual(errorsOf('true && "yes"'), ['3:15: Invalid operand; Unsuitable value for right operand: a bool is required.']);
  });
});

describe('conditionals', () => {
  it('unifies the types of both results and reports only the chosen one\u2019s errors', () => {
    assert.equal(valueOf('true ? "a" : 1'), 'a');
    assert.equal(valueOf('true ? 1 : "a"'), '1');
    assert.deepEqual(valueOf('true ? [1] : ["a"]'), ['1']);
    assert.deepEqual(valueOf('"false" ? [1] : [2]'), [2]);
    assert.equal(valueOf('true ? 1 : local.missing'), 1);
    assert.deepEqual(errorsOf('true ? 1 : {}'), [
      "3:14: Inconsistent conditional result types; The true and false result expressions must have consistent types. The 'true' value is number, but the 'false' value is object.",
    ]);
  });

  it('requires a bool condition', () => {
    assert.deepEqual(errorsOf('1 ? 1 : 2'), ['3:7: Incorrect condition type; The condition expression must be of type bool.']);
    assert.deepEqual(errorsOf('null ? 1 : 2'), ['3:7: Null condition; The condition value is null. Conditions must either be true or false.']);
  });
});

describe('templates', () => {
  it('converts interpolated values to strings', () => {
    assert.equal(valueOf('"n=${1.5} ${true} ${10000000} ${"s"} ${2 * 3}"'), 'n=1.5 true 10000000 s 6');
    assert.equal(valueOf('"${1e21}"'), 1e21);
    assert.equal(valueOf('"big ${1e21}"'), 'big 1000000000000000000000');
  });

  it('returns a lone interpolation unconverted', () => {
    assert.deepEqual(valueOf('"${[1, 2]}"'), [1, 2]);
    assert.equal(valueOf('"${1024 * 4}"'), 4096);
    assert.equal(valueOf('"${true}"'), true);
  });

  it('refuses null and collections inside a longer template', () => {
    assert.deepEqual(errorsOf('"a${[1]}"'), [
      '3:11: Invalid template interpolation value; Cannot include the given value in a string template: string required, but have tuple.',
    ]);
    assert.deepEqual(errorsOf('"a${null}"'), [
      '3:11: Invalid template interpolation value; The expression result is null. Cannot include a null value in a string template.',
    ]);
  });

  it('runs if and for directives', () => {
    assert.equal(valueOf('"%{ if 1 < 2 }yes%{ else }no%{ endif }"'), 'yes');
    assert.equal(valueOf('"%{ for i, v in ["a", "b"] }${i}=${v};%{ endfor }"'), '0=a;1=b;');
    assert.equal(valueOf('"%{ for k, v in { b = 2, a = 1 } }${k}${v}%{ endfor }"'), 'a1b2');
  });

  it('keeps heredoc text', () => {
    assert.equal(valueOf('<<EOT\nhello ${"world"}\n  $${literal}\nEOT\n'), 'hello world\n  ${literal}\n');
  });
});

describe('for expressions', () => {
  it('builds tuples with a filter', () => {
    assert.deepEqual(valueOf('[for v in [1, 2, 3] : v * 2 if v != 2]'), [2, 6]);
    assert.deepEqual(valueOf('[for i, v in ["a", "b"] : "${i}:${v}"]'), ['0:a', '1:b']);
  });

  it('iterates maps in sorted key order', () => {
    assert.deepEqual(valueOf('[for k, v in { b = 1, a = 2, "10" = 3 } : k]'), ['10', 'a', 'b']);
    assert.deepEqual(valueOf('{ for k, v in { b = 1, a = 2 } : "u_${k}" => v + 1 }'), { u_a: 3, u_b: 2 });
  });

  it('groups values with ...', () => {
    assert.deepEqual(valueOf('{ for i, s in ["x", "y", "x"] : s => i... }'), { x: [0, 2], y: [1] });
  });

  it('reports duplicate keys without grouping', () => {
    assert.deepEqual(errorsOf('{ for s in ["x", "x"] : s => 1 }'), [
      `3:31: Duplicate object key; Two different items produced the key "x" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.`,
    ]);
  });

  it('reports null and non-iterable collections and bad conditions', () => {
    assert.deepEqual(errorsOf('[for v in null : v]'), [
      "3:17: Iteration over null value; A null value cannot be used as the collection in a 'for' expression.",
    ]);
    assert.deepEqual(errorsOf('[for v in 1 : v]'), [
      "3:17: Iteration over non-iterable value; A value of type number cannot be used as the collection in a 'for' expression.",
    ]);
    assert.deepEqual(errorsOf('[for v in [1] : v if v]'), [
      "3:28: Invalid 'for' condition; The 'if' clause value is invalid: bool required, but have number.",
    ]);
  });
});

describe('splats, indexes and attributes', () => {
  it('splats lists, wraps single values and turns null into an empty tuple', () => {
    assert.deepEqual(valueOf('[{ a = 1 }, { a = 2 }][*].a'), [1, 2]);
    assert.deepEqual(valueOf('[{ a = { b = 1 } }].*.a.b'), [1]);
    assert.deepEqual(valueOf('{ a = 1 }[*].a'), [1]);
    assert.deepEqual(valueOf('local.n[*]', 'locals {\n  n = null\n}'), []);
    assert.deepEqual(valueOf('[1, 2][*]'), [1, 2]);
  });

  it('indexes lists, maps and strings used as keys', () => {
    assert.equal(valueOf('[1, 2, 3][1]'), 2);
    assert.equal(valueOf('[1, 2, 3]["2"]'), 3);
    assert.equal(valueOf('{ a = 1 }["a"]'), 1);
    assert.equal(valueOf('local.l.1', 'locals {\n  l = [5, 6]\n}'), 6);
    assert.equal(valueOf('local.m[local.k]', 'locals {\n  m = { z = "zz" }\n  k = "z"\n}'), 'zz');
    assert.equal(valueOf('local.m.z.y', 'locals {\n  m = { z = { y = true } }\n}'), true);
  });

  it('reports bad indexes and attributes', () => {
    assert.deepEqual(errorsOf('[1][5]'), [
      '3:10: Invalid index; The given key does not identify an element in this collection value: the given index is greater than or equal to the length of the collection.',
    ]);
    assert.deepEqual(errorsOf('{ a = 1 }.b'), ['3:16: Unsupported attribute; This object does not have an attribute named "b".']);
    assert.deepEqual(errorsOf('"s"[0]'), ['3:10: Invalid index; This value does not have any indices.']);
    assert.deepEqual(errorsOf('{ a = null }.a.b'), [
      '3:21: Attempt to get attribute from null value; This value is null, so it does not have any attributes.',
    ]);
    assert.deepEqual(errorsOf('{ a = 1 }["b"]'), ['3:16: Invalid index; The given key does not identify an element in this collection value.']);
  });

  it('evaluates object keys written as expressions', () => {
    assert.deepEqual(valueOf('{ (local.k) = 1, "q-${local.k}" = 2, 3 = 4 }', 'locals {\n  k = "z"\n}'), { z: 1, 'q-z': 2, '3': 4 });
    assert.deepEqual(errorsOf('{ (null) = 1 }'), ["3:18: Null value as key; Can't use a null value as a key."]);
  });
});

describe('several problems in one expression', () => {
  it('reports every failing item of a tuple', () => {
    assert.deepEqual(errorsOf('[1 + "a", true ? 1 : 2, 0 / 0]'), [
      '3:12: Invalid operand; Unsuitable value for right operand: a number is required.',
      "3:31: Operation failed; Error during operation: can't divide zero by zero or infinity by infinity.",
    ]);
  });
});
