import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { CLI, ROOT } from '../../helpers/cli.js';
import { errorsOf, messages, run, valueOf } from './helpers.js';

const LOCALS = 'locals {\n  m = { a = "A" }\n  l = [3, 9, 4]\n}';
// With LOCALS as prelude, the expression is on line 6, starting at column 7.

describe('function calls', () => {
  it('call the library, expanding a final list argument', () => {
    assert.equal(valueOf('upper("pot")'), 'POT');
    assert.equal(valueOf('max(local.l...)', LOCALS), 9);
    assert.equal(valueOf('max(1, local.l...)', LOCALS), 9);
    assert.deepEqual(valueOf('concat(["a"], [for n in local.l : convert(n, string)])', LOCALS), ['a', '3', '9', '4']);
  });

  it('report unknown functions, with a suggestion when one is close', () => {
    assert.deepEqual(errorsOf('timestamp()'), ['3:7: Call to unknown function; There is no function named "timestamp".']);
    assert.deepEqual(errorsOf('uper("a")'), ['3:7: Call to unknown function; There is no function named "uper". Did you mean "upper"?']);
  });

  it('refuse the to* conversions Nomad does not have, pointing at convert', () => {
    const hint = (name: string, type: string) =>
      `3:7: Call to unknown function; There is no function named "${name}". Did you mean "convert"? Nomad has no ${name}(); write convert(value, ${type}).`;
    assert.deepEqual(errorsOf('tostring(1)'), [hint('tostring', 'string')]);
    assert.deepEqual(errorsOf('tonumber("1")'), [hint('tonumber', 'number')]);
    assert.deepEqual(errorsOf('tobool("true")'), [hint('tobool', 'bool')]);
    assert.deepEqual(errorsOf('tolist([1])'), [hint('tolist', 'list(any)')]);
    assert.deepEqual(errorsOf('toset([1])'), [hint('toset', 'set(any)')]);
    assert.deepEqual(errorsOf('tomap({})'), [hint('tomap', 'map(any)')]);
    assert.deepEqual(errorsOf('fileescaped("x")'), ['3:7: Call to unknown function; There is no function named "fileescaped".']);
  });

  it('report a bad argument at the argument', () => {
    assert.deepEqual(errorsOf('upper([1])'), ['3:13: Invalid function argument; Invalid value for "str" parameter: string required, but have tuple.']);
  });

  it('refuse to expand null or a non-list', () => {
    assert.deepEqual(errorsOf('max(null...)'), [
      '3:11: Invalid expanding argument value; The expanding argument (indicated by ...) must not be null.',
    ]);
    assert.deepEqual(errorsOf('max("1"...)'), [
      '3:11: Invalid expanding argument value; The expanding argument (indicated by ...) must be of a tuple, list, or set type.',
    ]);
  });
});

describe('convert', () => {
  it('reads its second argument as a type constraint', () => {
    assert.equal(valueOf('convert("5", number)'), 5);
    assert.deepEqual(valueOf('convert(["b", "a", "b"], set(string))'), ['a', 'b']);
    assert.deepEqual(valueOf('convert({ a = 1 }, map(string))'), { a: '1' });
  });

  it('reports values that do not convert and bad types', () => {
    assert.deepEqual(errorsOf('convert("x", number)'), ['3:16: Invalid function argument; Invalid value for "value" parameter: a number is required.']);
    assert.deepEqual(errorsOf('convert(1, strin)'), ['3:18: Invalid type specification; The keyword "strin" is not a valid type specification.']);
  });
});

describe('try and can', () => {
  it('try returns the first argument that evaluates without error', () => {
    assert.equal(valueOf('try(local.m.missing, local.m.a, "never")', LOCALS), 'A');
    assert.equal(valueOf('try(local.m.missing, 0 / 0, "fallback")', LOCALS), 'fallback');
  });

  it('try reports every failure when nothing succeeds', () => {
    assert.deepEqual(errorsOf('try(local.m.missing, 0 / 0)', LOCALS), [
      '6:7: Error in function call; Call to function "try" failed: no expression succeeded:\n' +
        '- Unsupported attribute (at job.hcl:6,18-26)\n  This object does not have an attribute named "missing".\n' +
        "- Operation failed (at job.hcl:6,28-33)\n  Error during operation: can't divide zero by zero or infinity by infinity.\n\n" +
        'At least one expression must produce a successful result.',
    ]);
  });

  it('can tells whether its argument evaluates', () => {
    assert.deepEqual(valueOf('[can(local.m.missing), can(local.m.a), can(upper([1]))]', LOCALS), [false, true, false]);
    assert.deepEqual(errorsOf('can()'), ['3:11: Not enough function arguments; Function "can" expects 1 argument(s). Missing value for "expression".']);
  });

  it('are usable in validation conditions, with the other functions', () => {
    const r = run(`variable "tags" {
  type = list(string)
  validation {
    condition     = can(var.tags[0]) && length(var.tags) < 3
    error_message = "Give one or two tags."
  }
}
job "j" {}
`, { vars: [{ kind: 'var', name: 'tags', value: '[]' }] });
    assert.deepEqual(messages(r.diagnostics), [
      '4:21: Invalid value for variable "tags"; Give one or two tags.\n\nThe value came from --var.',
    ]);
  });
});

describe('the function library', () => {
  const job = (dc: string) =>
    `job "x" {\n  datacenters = [${dc}]\n  group "g" {\n    task "t" {\n      driver = "pot"\n      config {\n        image = "https://example.com/p"\n        pot = "p"\n        tag = "1"\n      }\n    }\n  }\n}\n`;
  const validate = (nodeFlags: string[], source: string) =>
    spawnSync(process.execPath, [...nodeFlags, CLI, 'validate', '-'], { cwd: ROOT, input: source, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '' } });

  it('is loaded at the first call, or with the evaluator where Node cannot load an ES module synchronously', () => {
    for (const flags of [[], ['--no-experimental-require-module']]) {
      const ok = validate(flags, job('upper("dc1")'));
      assert.equal(ok.status, 0, ok.stderr);
      const unknown = validate(flags, job('tostring(1)'));
      assert.equal(unknown.status, 1);
      assert.match(unknown.stderr, /There is no function named "tostring"\. Did you mean "convert"\?/);
    }
  });
});
