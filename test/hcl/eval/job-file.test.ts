import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attr, messages, run } from './helpers.js';

describe('top level of a job file', () => {
  it('accepts only variable, variables, locals and one job', () => {
    const r = run(`
region = "x"
jobb "a" {}
job "a" {}
job "b" {}
`);
    assert.deepEqual(messages(r.diagnostics), [
      '2:1: Unsupported argument; An argument named "region" is not expected here.',
      '3:1: Unsupported block type; Blocks of type "jobb" are not expected here. Did you mean "job"?',
      '5:1: Duplicate job block; Only one block of type "job" is allowed. Previous definition was at job.hcl:4,1-8.',
    ]);
    assert.deepEqual(r.job?.labels, ['a']);
  });

  it('requires a job block with one label', () => {
    assert.deepEqual(messages(run('locals {}\n').diagnostics), ['1:1: Missing job block; A job block is required']);
    assert.deepEqual(messages(run('job {}\n').diagnostics), ['1:1: Missing name for job; All job blocks must have 1 labels (name).']);
    assert.deepEqual(messages(run('job "a" "b" {}\n').diagnostics), [
      '1:9: Extraneous label for job; Only 1 labels (name) are expected for job blocks.',
    ]);
  });

  it('keeps declaration order, ranges and block paths', () => {
    const r = run(`job "web" {
  datacenters = ["dc1"]
  group "g" {
    count = 2
  }
  type = "service"
}
`);
    assert.deepEqual(messages(r.diagnostics), []);
    const job = r.job!;
    assert.deepEqual(
      job.body.items.map((i) => (i.kind === 'Attribute' ? i.name : `${i.type} ${i.labels.join(' ')}`)),
      ['datacenters', 'group g', 'type'],
    );
    assert.deepEqual([job.typeRange.start.line, job.typeRange.start.column], [1, 1]);
    assert.deepEqual([job.labelRanges[0]!.start.column, job.labelRanges[0]!.end.column], [5, 10]);
    const type = attr(job.body, 'type');
    assert.deepEqual([type.nameRange.start.line, type.exprRange.start.column, type.exprRange.end.column], [6, 10, 19]);
  });

  it('gives the position of every literally written list and object item', () => {
    const r = run(`job "j" {
  mount = [
    "/a:/b",
    "/c",
  ]
  port_map = [{ http = "80", "https" = "443" }]
  computed = [for s in ["x"] : s]
}
`);
    const pos = (name: string) =>
      attr(r.job!.body, name).spans.map((s) => [s.path, `${s.range.start.line}:${s.range.start.column}-${s.range.end.line}:${s.range.end.column}`]);
    assert.deepEqual(pos('mount'), [
      [[0], '3:5-3:12'],
      [[1], '4:5-4:9'],
    ]);
    assert.deepEqual(pos('port_map'), [
      [[0], '6:15-6:47'],
      [[0, 'http'], '6:17-6:28'],
      [[0, 'https'], '6:30-6:45'],
    ]);
    assert.deepEqual(pos('computed'), []);
  });

  it('reports every problem of the file in one run and keeps the rest of the job', () => {
    const r = run(`variable "port" {
  type = number
}
job "j" {
  a = var.missing
  b = timestamp()
  c = 1 + "x"
  group "g" {
    d = local.nope
    e = "fine"
  }
}
`);
    assert.deepEqual(messages(r.diagnostics), [
      '1:1: Required variable "port" is not set; Set it with --var port=..., in a --var-file, or with the NOMAD_VAR_port environment variable.',
      '5:7: Reference to undeclared input variable; An input variable with the name "missing" has not been declared.',
      '6:7: Call to unknown function; There is no function named "timestamp".',
      '7:11: Invalid operand; Unsuitable value for right operand: a number is required.',
      '9:9: Reference to undeclared local value; A local value with the name "nope" has not been declared.',
    ]);
    assert.equal(r.diagnostics[1]!.path, 'job "j"');
    assert.equal(r.diagnostics[4]!.path, 'job "j" > group "g"');
    const group = r.job!.body.items.find((i) => i.kind === 'Block')!;
    assert.ok(group.kind === 'Block');
    assert.deepEqual(
      group.body.items.map((i) => i.kind === 'Attribute' && i.value),
      ['fine'],
    );
  });
});
