import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Range } from '../../src/hcl/source.js';
import type { Expr } from '../../src/hcl/syntax/ast.js';
import { ConversionError, convert, formatType, isComplex, parseType, TypeExprError, type Type } from '../../src/hcl/types.js';
import { newObject, type Value } from '../../src/hcl/value.js';

// The parser is not needed to build type expressions: these helpers make the AST nodes directly.
let offset = 0;
function at(): Range {
  offset += 1;
  return { filename: 'job.hcl', start: { line: 1, column: offset, offset }, end: { line: 1, column: offset + 1, offset: offset + 1 } };
}
const kw = (name: string): Expr => ({ kind: 'Variable', name, range: at() });
const fn = (name: string, ...args: Expr[]): Expr => ({ kind: 'FunctionCall', name, nameRange: at(), args, expandFinal: false, range: at() });
const str = (value: string): Expr => ({ kind: 'Template', parts: [{ kind: 'TemplateLiteral', value, range: at() }], heredoc: false, range: at() });
const num = (value: number): Expr => ({ kind: 'Literal', value, range: at() });
const tup = (...items: Expr[]): Expr => ({ kind: 'Tuple', items, range: at() });
const obj = (entries: [string, Expr][], bareKey = true): Expr => ({
  kind: 'Object',
  items: entries.map(([k, value]) => ({ key: str(k), bareKey, value, range: at() })),
  range: at(),
});
const val = (o: Record<string, Value>): Value => newObject(Object.entries(o));

const STRING: Type = { kind: 'string' };
const NUMBER: Type = { kind: 'number' };

const C = { constraint: true };
const EXACT = { constraint: false };

test('parseType reads every form', () => {
  assert.deepEqual(parseType(kw('string'), EXACT), STRING);
  assert.deepEqual(parseType(kw('any'), C), { kind: 'any' });
  assert.deepEqual(parseType(fn('list', kw('string')), EXACT), { kind: 'list', element: STRING });
  assert.deepEqual(parseType(fn('set', kw('number')), EXACT), { kind: 'set', element: NUMBER });
  assert.deepEqual(parseType(fn('map', kw('bool')), EXACT), { kind: 'map', element: { kind: 'bool' } });
  assert.deepEqual(parseType(fn('tuple', tup(kw('string'), kw('number'))), EXACT), { kind: 'tuple', elements: [STRING, NUMBER] });
  assert.deepEqual(parseType(fn('object', obj([['port', kw('number')], ['name', kw('string')]])), EXACT), {
    kind: 'object',
    attributes: [
      { name: 'name', type: STRING, optional: false },
      { name: 'port', type: NUMBER, optional: false },
    ],
  });
  assert.deepEqual(parseType(fn('object', obj([['a', fn('optional', kw('string'))]])), C), {
    kind: 'object',
    attributes: [{ name: 'a', type: STRING, optional: true }],
  });
});

test('formatType spells types as HCL does', () => {
  assert.equal(formatType(parseType(fn('list', kw('string')), EXACT)), 'list(string)');
  assert.equal(formatType(parseType(fn('map', fn('object', obj([['name', kw('string')]]))), EXACT)), 'map(object({name=string}))');
  assert.equal(formatType(parseType(fn('object', obj([['z', kw('bool')], ['a', fn('optional', kw('number'))]])), C)), 'object({a=optional(number),z=bool})');
  assert.equal(formatType(parseType(fn('tuple', tup(kw('string'), fn('set', kw('any')))), C)), 'tuple([string,set(any)])');
  assert.equal(formatType({ kind: 'any' }), 'any');
});

test('isComplex separates primitives from structures', () => {
  for (const t of ['string', 'number', 'bool', 'any']) assert.equal(isComplex(parseType(kw(t), C)), false, t);
  assert.equal(isComplex(parseType(fn('list', kw('string')), EXACT)), true);
  assert.equal(isComplex(parseType(fn('tuple', tup()), EXACT)), true);
  assert.equal(isComplex(parseType(fn('object', obj([])), EXACT)), true);
});

test('parseType errors carry HCL\u2019s message and the offending node\u2019s range', () => {
  const cases: [Expr, string][] = [
    [kw('strin'), 'The keyword "strin" is not a valid type specification.'],
    [kw('list'), 'The list type constructor requires one argument specifying the element type.'],
    [fn('list', kw('string'), kw('number')), 'The list type constructor requires one argument specifying the element type.'],
    [fn('object', kw('string')), 'Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.'],
    [fn('tuple', kw('string')), 'Tuple type constructor requires a list of element types.'],
    [fn('string', kw('number')), 'Primitive type keyword "string" does not expect arguments.'],
    [str('string'), 'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).'],
    [num(1), 'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).'],
  ];
  for (const [expr, detail] of cases) {
    assert.throws(
      () => parseType(expr, C),
      (e: unknown) => e instanceof TypeExprError && e.message === `Invalid type specification; ${detail}` && e.detail === detail,
      detail,
    );
  }
  const opt = fn('optional', kw('string'));
  assert.throws(() => parseType(opt, C), (e: unknown) => e instanceof TypeExprError && e.detail === 'Keyword "optional" is valid only as a modifier for object type attributes.' && e.range === (opt as { nameRange: Range }).nameRange);
  const unknown = fn('lst', kw('string'));
  assert.throws(() => parseType(unknown, C), (e: unknown) => e instanceof TypeExprError && e.message === 'Invalid type specification; Keyword "lst" is not a valid type constructor.' && e.range === unknown.range);
  const nested = fn('list', kw('strng'));
  assert.throws(() => parseType(nested, C), (e: unknown) => e instanceof TypeExprError && e.range === (nested as { args: Expr[] }).args[0]!.range);
});

test('an exact type (a variable\u2019s) refuses any and optional, as Nomad does', () => {
  assert.throws(() => parseType(kw('any'), EXACT), (e: unknown) => e instanceof TypeExprError && e.detail === 'The keyword "any" cannot be used in this type specification: an exact type is required.');
  assert.throws(
    () => parseType(fn('object', obj([['a', fn('optional', kw('string'))]])), EXACT),
    (e: unknown) => e instanceof TypeExprError && e.detail === 'Optional attribute modifier is only for type constraints, not for exact types.',
  );
  assert.throws(
    () => parseType(fn('object', obj([['a', fn('optional', kw('string'), str('x'))]])), C),
    (e: unknown) => e instanceof TypeExprError && e.detail === 'Optional attribute modifier expects only one argument: the attribute type.',
  );
});

test('convert performs cty\u2019s conversions on plain values', () => {
  assert.equal(convert('5', NUMBER), 5);
  assert.equal(convert(' 5', STRING), ' 5');
  assert.equal(convert(true, STRING), 'true');
  assert.equal(convert(1e21, STRING), '1000000000000000000000');
  assert.equal(convert(0.000001, STRING), '0.000001');
  assert.equal(convert('1', { kind: 'bool' }), true);
  assert.equal(convert(null, NUMBER), null);
  assert.deepEqual(convert(['a', 1, true], { kind: 'list', element: STRING }), ['a', '1', 'true']);
  assert.deepEqual(convert(['b', 'a', 'b'], { kind: 'set', element: STRING }), ['a', 'b']);
  assert.deepEqual(convert(val({ a: 1, b: 'x' }), { kind: 'map', element: STRING }), val({ a: '1', b: 'x' }));
  assert.deepEqual(convert([1, 'a'], { kind: 'list', element: { kind: 'any' } }), ['1', 'a']);
  assert.deepEqual(convert([val({ a: 1 }), val({ b: 'x' })], { kind: 'list', element: { kind: 'any' } }), [val({ a: '1' }), val({ b: 'x' })]);
  assert.deepEqual(convert(['a', 2], { kind: 'tuple', elements: [STRING, STRING] }), ['a', '2']);
  // A number more precise than a double is handed over as its exact decimal text.
  assert.equal(convert('9007199254740993', NUMBER), '9007199254740993');
});

test('conversion failures carry cty\u2019s message', () => {
  const cases: [Value, Type, string][] = [
    ['abc', NUMBER, 'a number is required'],
    [[1], NUMBER, 'number required, but have tuple'],
    ['yes', { kind: 'bool' }, 'a bool is required'],
    ['True', { kind: 'bool' }, 'a bool is required; to convert from string, use lowercase "true"'],
    [val({}), STRING, 'string required, but have object'],
    ['a', { kind: 'list', element: STRING }, 'list of string required, but have string'],
    [['a', 'b', ['c']], { kind: 'list', element: STRING }, 'element 2: string required, but have tuple'],
    [[1, true], { kind: 'list', element: { kind: 'any' } }, 'all list elements must have the same type'],
    [val({ a: 1, b: [1] }), { kind: 'map', element: { kind: 'any' } }, 'all map elements must have the same type'],
    [['a'], { kind: 'tuple', elements: [STRING, STRING] }, 'tuple required'],
  ];
  for (const [value, type, message] of cases) {
    assert.throws(() => convert(value, type), (e: unknown) => e instanceof ConversionError && e.message === message, message);
  }
});
