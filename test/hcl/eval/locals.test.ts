import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages, run, valueOf } from './helpers.js';

describe('locals', () => {
  it('refer to each other in any order, across blocks, and to variables', () => {
    const prelude = `
locals {
  name = "\${local.prefix}-\${var.env}"
}
variable "env" {
  default = "prod"
}
locals {
  prefix = "web"
  all    = [local.name, local.count]
  count  = var.env == "prod" ? 3 : 1
}`;
    assert.deepEqual(valueOf('local.all', prelude), ['web-prod', 3]);
    assert.deepEqual(valueOf('local.all', prelude, { vars: [{ kind: 'var', name: 'env', value: 'dev' }] }), ['web-dev', 1]);
  });

  it('report a cycle once, where it closes', () => {
    const r = run(`locals {
  a = local.b
  b = "\${local.c}!"
  c = local.a
  d = 1
}
job "j" {
  x = local.a
  y = local.d
}
`);
    assert.deepEqual(messages(r.diagnostics), [
      '4:7: Circular reference in locals; The local value "a" depends on itself: local.a → local.b → local.c → local.a.',
    ]);
    assert.deepEqual(
      r.job!.body.items.map((i) => i.kind === 'Attribute' && i.name),
      ['y'],
    );
  });

  it('report duplicate names, blocks inside locals and unknown locals', () => {
    const r = run(`locals {
  a = 1
}
locals {
  a = 2
  nested {}
}
job "j" {
  x = local.a
  y = local.b
}
`);
    assert.deepEqual(messages(r.diagnostics), [
      '6:3: Unexpected "nested" block; Blocks are not allowed here.',
      '5:3: Duplicate value in locals; Duplicate a definition found; it was first defined at job.hcl:2,3-4.',
      '10:7: Reference to undeclared local value; A local value with the name "b" has not been declared. Did you mean "a"?',
    ]);
  });

  it('report a failing local once, not at every use', () => {
    const r = run(`locals {
  bad = 0 / 0
  uses = local.bad + 1
}
job "j" {
  x = local.bad
  y = local.uses
}
`);
    assert.deepEqual(messages(r.diagnostics), ["2:9: Operation failed; Error during operation: can't divide zero by zero or infinity by infinity."]);
  });
});
