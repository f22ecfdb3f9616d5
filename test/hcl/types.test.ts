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

test('parseType reads every form', () => {
  assert.deepEqual(parseType(kw('string')), STRING);
  assert.deepEqual(parseType(kw('any')), { kind: 'any' });
  assert.deepEqual(parseType(fn('list', kw('string'))), { kind: 'list', element: STRING });
  assert.deepEqual(parseType(fn('set', kw('number'))), { kind: 'set', element: NUMBER });
  assert.deepEqual(parseType(fn('map', kw('bool'))), { kind: 'map', element: { kind: 'bool' } });
  assert.deepEqual(parseType(fn('tuple', tup(kw('string'), kw('number')))), { kind: 'tuple', elements: [STRING, NUMBER] });
  assert.deepEqual(parseType({ kind: 'Parens', expr: kw('number'), range: at() }), NUMBER);
  assert.deepEqual(parseType(fn('object', obj([['name', kw('string')], ['port', kw('number')]]))), {
    kind: 'object',
    attributes: [
      { name: 'name', type: STRING, optional: false },
      { name: 'port', type: NUMBER, optional: false },
    ],
  });
  const withOptional = parseType(
    fn('object', obj([
      ['a', fn('optional', kw('string'))],
      ['b', fn('optional', kw('number'), str('5'))],
      ['c', fn('optional', fn('list', kw('string')), tup(str('x'), num(1)))],
    ])),
  );
  assert.deepEqual(withOptional, {
    kind: 'object',
    attributes: [
      { name: 'a', type: STRING, optional: true },
      { name: 'b', type: NUMBER, optional: true, default: 5 },
      { name: 'c', type: { kind: 'list', element: STRING }, optional: true, default: ['x', '1'] },
    ],
  });
});

test('formatType spells types as HCL does', () => {
  assert.equal(formatType(parseType(fn('list', kw('string')))), 'list(string)');
  assert.equal(formatType(parseType(fn('map', fn('object', obj([['name', kw('string')]]))))), 'map(object({name=string}))');
  assert.equal(formatType(parseType(fn('object', obj([['z', kw('bool')], ['a', fn('optional', kw('number'))]])))), 'object({a=optional(number),z=bool})');
  assert.equal(formatType(parseType(fn('tuple', tup(kw('string'), fn('set', kw('any')))))), 'tuple([string,set(any)])');
  assert.equal(formatType({ kind: 'any' }), 'any');
});

test('isComplex separates primitives from structures', () => {
  for (const t of ['string', 'number', 'bool', 'any']) assert.equal(isComplex(parseType(kw(t))), false, t);
  assert.equal(isComplex(parseType(fn('list', kw('string')))), true);
  assert.equal(isComplex(parseType(fn('set', kw('string')))), true);
  assert.equal(isComplex(parseType(fn('map', kw('string')))), true);
  assert.equal(isComplex(parseType(fn('tuple', tup()))), true);
  assert.equal(isComplex(parseType(fn('object', obj([])))), true);
});

test('parseType errors carry a message and the offending node\u2019s range', () => {
  const cases: [Expr, string, (e: Expr) => Range][] = [
    [kw('strin'), 'The keyword "strin" is not a valid type specifier.', (e) => e.range],
    [kw('list'), 'The list type constructor requires one argument specifying the element type.', (e) => e.range],
    [fn('list', kw('string'), kw('number')), 'The list type constructor requires one argument specifying the element type.', (e) => e.range],
    [fn('object', kw('string')), 'The object type constructor requires one argument specifying the attribute types as a map.', (e) => e.range],
    [fn('tuple', kw('string')), 'The tuple type constructor requires one argument specifying the element types as a list.', (e) => e.range],
    [fn('optional', kw('string')), 'Keyword "optional" is valid only as a modifier for object type attributes.', (e) => e.range],
    [fn('string', kw('number')), 'Primitive type keyword "string" does not expect arguments.', (e) => e.range],
    [str('string'), 'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).', (e) => e.range],
    [num(1), 'A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).', (e) => e.range],
  ];
  for (const [expr, detail, rangeOf] of cases) {
    assert.throws(
      () => parseType(expr),
      (e: unknown) => e instanceof TypeExprError && e.message === `Invalid type specification; ${detail}` && e.detail === detail && e.range === rangeOf(expr),
      detail,
    );
  }
  const unknown = fn('lst', kw('string'));
  assert.throws(() => parseType(unknown), (e: unknown) => e instanceof TypeExprError && e.message === 'Invalid type specification; Keyword "lst" is not a valid type constructor.' && e.range === (unknown as { nameRange: Range }).nameRange);
  const quoted = obj([['name', kw('string')]], false);
  assert.throws(() => parseType(fn('object', quoted)), (e: unknown) => e instanceof TypeExprError && e.detail === 'Object constructor map keys must be attribute names.');
  const nested = fn('list', kw('strng'));
  assert.throws(() => parseType(nested), (e: unknown) => e instanceof TypeExprError && e.range === (nested as { args: Expr[] }).args[0]!.range);
  const badDefault = str('abc');
  assert.throws(
    () => parseType(fn('object', obj([['n', fn('optional', kw('number'), badDefault)]]))),
    (e: unknown) => e instanceof TypeExprError && e.detail === 'Invalid default value for optional attribute: a number is required.' && e.range === badDefault.range,
  );
  assert.throws(
    () => parseType(fn('object', obj([['n', fn('optional', kw('string'), kw('var'))]]))),
    (e: unknown) => e instanceof TypeExprError && e.detail === 'Default values of optional attributes must be constant values.',
  );
});

test('convert performs cty\u2019s safe and unsafe conversions', () => {
  assert.equal(convert('5', NUMBER), 5);
  assert.equal(convert(' 5', STRING), ' 5');
  assert.equal(convert(true, STRING), 'true');
  assert.equal(convert(1e21, STRING), '1000000000000000000000');
  assert.equal(convert(0.000001, STRING), '0.000001');
  assert.equal(convert('1', { kind: 'bool' }), true);
  assert.equal(convert('false', { kind: 'bool' }), false);
  assert.equal(convert(null, NUMBER), null);
  assert.deepEqual(convert(['a', 1, true], { kind: 'list', element: STRING }), ['a', '1', 'true']);
  assert.deepEqual(convert(['b', 'a', 'b'], { kind: 'set', element: STRING }), ['a', 'b']);
  assert.deepEqual(convert(val({ a: 1, b: 'x' }), { kind: 'map', element: STRING }), val({ a: '1', b: 'x' }));
  assert.deepEqual(convert([1, 'a'], { kind: 'list', element: { kind: 'any' } }), ['1', 'a']);
  // Objects with different attributes unify to one map type, as in cty.
  assert.deepEqual(convert([val({ a: 1 }), val({ b: 'x' })], { kind: 'list', element: { kind: 'any' } }), [val({ a: '1' }), val({ b: 'x' })]);
  assert.deepEqual(convert([[1], ['a', 'b']], { kind: 'list', element: { kind: 'any' } }), [['1'], ['a', 'b']]);
  assert.deepEqual(convert(['a', 2], { kind: 'tuple', elements: [STRING, STRING] }), ['a', '2']);
  const x = [val({ k: 1 })];
  assert.equal(convert(x, { kind: 'any' }), x);
});

test('objects: required, optional with defaults, and extra attributes', () => {
  const t = parseType(
    fn('object', obj([
      ['name', kw('string')],
      ['port', fn('optional', kw('number'), num(80))],
      ['tags', fn('optional', fn('list', kw('string')))],
    ])),
  );
  assert.deepEqual(convert(val({ name: 'web', extra: true }), t), val({ name: 'web', port: 80, tags: null }));
  assert.deepEqual(convert(val({ name: 5, port: null, tags: ['a', 1] }), t), val({ name: '5', port: 80, tags: ['a', '1'] }));
  assert.deepEqual(convert(val({ name: 'x', port: '8080' }), t), val({ name: 'x', port: 8080, tags: null }));
});

test('conversion failures carry a message and a path', () => {
  const cases: [Value, Type, string, (string | number)[]][] = [
    ['abc', NUMBER, 'a number is required', []],
    [[1], NUMBER, 'number required', []],
    ['yes', { kind: 'bool' }, 'a bool is required', []],
    ['True', { kind: 'bool' }, 'a bool is required; to convert from string, use lowercase "true"', []],
    [val({}), STRING, 'string required', []],
    ['a', { kind: 'list', element: STRING }, 'list of string required', []],
    ['a', { kind: 'map', element: { kind: 'any' } }, 'map of any single type required', []],
    [['a', 'b', ['c']], { kind: 'list', element: STRING }, 'element 2: string required', [2]],
    [['1', 'x'], { kind: 'set', element: NUMBER }, 'element 1: a number is required', [1]],
    [[1, true], { kind: 'list', element: { kind: 'any' } }, 'all list elements must have the same type', []],
    [val({ a: 1, b: [1] }), { kind: 'map', element: { kind: 'any' } }, 'all map element values must have the same type', []],
    [['a'], { kind: 'tuple', elements: [STRING, STRING] }, 'tuple required', []],
    [[], { kind: 'object', attributes: [] }, 'object required', []],
  ];
  for (const [value, type, message, path] of cases) {
    assert.throws(() => convert(value, type), (e: unknown) => e instanceof ConversionError && e.message === message && JSON.stringify(e.path) === JSON.stringify(path), message);
  }
  const service = parseType(fn('map', fn('object', obj([['port', kw('number')], ['name', kw('string')], ['tags', fn('list', kw('string'))]]))));
  const check = (value: Value, message: string, path: (string | number)[]): void => {
    assert.throws(() => convert(value, service), (e: unknown) => e instanceof ConversionError && e.message === message && JSON.stringify(e.path) === JSON.stringify(path), message);
  };
  check(val({ web: val({ name: 'w', tags: [] }) }), 'element "web": attribute "port" is required', ['web']);
  check(val({ web: val({ tags: [] }) }), 'element "web": attributes "name" and "port" are required', ['web']);
  check(val({ web: val({}) }), 'element "web": attributes "name", "port", and "tags" are required', ['web']);
  check(val({ web: val({ name: 'w', port: 'x', tags: [] }) }), 'element "web": attribute "port": a number is required', ['web', 'port']);
  check(val({ web: val({ name: 'w', port: 1, tags: ['a', ['b']] }) }), 'element "web": attribute "tags": element 1: string required', ['web', 'tags', 1]);
});
