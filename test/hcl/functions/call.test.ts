import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callFunction, FunctionCallError, functionNames, hasFunction } from '../../../src/hcl/functions/index.js';

const ctx = { baseDir: '/nonexistent', allowFS: false };

const NOMAD_TABLE = `abs abspath base64decode base64encode basename bcrypt ceil chomp chunklist cidrhost cidrnetmask cidrsubnet
  cidrsubnets coalesce coalescelist compact concat contains convert csvdecode dirname distinct element file filebase64
  fileescaped fileexists fileset flatten floor format formatdate formatlist indent index join jsondecode jsonencode keys
  length log lookup lower max md5 merge min parseint pathexpand pow range regex_replace replace reverse rsadecrypt
  setintersection setproduct setunion sha1 sha256 sha512 signum slice sort split strlen strrev substr timeadd title tobool
  tolist tomap tonumber toset tostring trim trimprefix trimspace trimsuffix upper urlencode uuidv4 uuidv5 values yamldecode
  yamlencode zipmap`.split(/\s+/);

test('the table is exactly Nomad\u2019s, less can/try which the evaluator provides', () => {
  assert.deepEqual(functionNames(), [...NOMAD_TABLE].sort());
  assert.equal(hasFunction('upper'), true);
  assert.equal(hasFunction('timestamp'), false);
  assert.equal(hasFunction('can'), false);
  assert.equal(hasFunction('try'), false);
  assert.equal(hasFunction('toString'), false);
});

test('arity and argument errors use HCL wording and point at the argument', () => {
  const cases: [string, unknown[], string, number | undefined][] = [
    ['upper', [], 'Not enough function arguments; Function "upper" expects 1 argument(s). Missing value for "str".', undefined],
    ['join', [], 'Not enough function arguments; Function "join" expects at least 1 argument(s). Missing value for "separator".', undefined],
    ['substr', ['a', 1], 'Not enough function arguments; Function "substr" expects 3 argument(s). Missing value for "length".', undefined],
    ['upper', ['a', 'b'], 'Too many function arguments; Function "upper" expects only 1 argument(s).', undefined],
    ['upper', [['a']], 'Invalid function argument; Invalid value for "str" parameter: string required.', 0],
    ['upper', [null], 'Invalid function argument; Invalid value for "str" parameter: argument must not be null.', 0],
    ['split', [',', { a: 1 }], 'Invalid function argument; Invalid value for "str" parameter: string required.', 1],
    ['compact', [['a', ['b']]], 'Invalid function argument; Invalid value for "list" parameter: element 1: string required.', 0],
    ['max', [1, 'x'], 'Invalid function argument; Invalid value for "numbers" parameter: a number is required.', 1],
    ['nosuch', [], 'Call to unknown function; There is no function named "nosuch".', undefined],
  ];
  for (const [name, args, message, argIndex] of cases) {
    assert.throws(
      () => callFunction(name, args as never, ctx),
      (e: unknown) => e instanceof FunctionCallError && e.message === message && e.argIndex === argIndex,
      `${name}(${JSON.stringify(args)})`,
    );
  }
});

test('errors carry summary and detail separately', () => {
  try {
    callFunction('upper', [], ctx);
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof FunctionCallError);
    assert.equal(e.summary, 'Not enough function arguments');
    assert.equal(e.detail, 'Function "upper" expects 1 argument(s). Missing value for "str".');
  }
});
