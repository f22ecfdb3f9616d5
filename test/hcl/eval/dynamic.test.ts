import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attrs, blocks, messages, run } from './helpers.js';

describe('dynamic blocks', () => {
  it('expands in place, with nested dynamics and a custom iterator', () => {
    const r = run(`
job "j" {
  group "first" {}
  dynamic "group" {
    for_each = ["a", "b"]
    labels   = ["g-\${group.value}"]
    content {
      count = group.key
      dynamic "task" {
        for_each = { web = 80, api = 81 }
        iterator = t
        labels   = [t.key]
        content {
          port = t.value
          name = "\${group.value}-\${t.key}"
        }
      }
    }
  }
  group "last" {}
}
`);
    assert.deepEqual(messages(r.diagnostics), []);
    const groups = blocks(r.job!.body, 'group');
    assert.deepEqual(
      groups.map((g) => g.labels),
      [['first'], ['g-a'], ['g-b'], ['last']],
    );
    assert.deepEqual(attrs(groups[1]!.body), { count: 0 });
    assert.deepEqual(attrs(groups[2]!.body), { count: 1 });
    const tasks = blocks(groups[2]!.body, 'task');
    assert.deepEqual(
      tasks.map((t) => [t.labels, attrs(t.body)]),
      [
        [['api'], { port: 81, name: 'b-api' }],
        [['web'], { port: 80, name: 'b-web' }],
      ],
    );
    // The expanded block points at the dynamic block: its type at the label, its labels at their expressions.
    assert.equal(groups[1]!.typeRange.start.line, 4);
    assert.equal(groups[1]!.typeRange.start.column, 11);
    assert.equal(groups[1]!.labelRanges[0]!.start.line, 6);
    assert.equal(groups[1]!.labelRanges[0]!.start.column, 17);
  });

  it('iterates sets and lists of objects, and expands to nothing for an empty collection', () => {
    const r = run(`
locals {
  ports = [{ label = "http", to = 80 }, { label = "https", to = 443 }]
}
job "j" {
  group "g" {
    network {
      dynamic "port" {
        for_each = local.ports
        labels   = [port.value.label]
        content {
          to = port.value.to
        }
      }
      dynamic "port" {
        for_each = convert(["metrics", "admin", "metrics"], set(string))
        labels   = [port.value]
        content {}
      }
      dynamic "port" {
        for_each = []
        labels   = ["never"]
        content {}
      }
    }
  }
}
`);
    assert.deepEqual(messages(r.diagnostics), []);
    const network = blocks(blocks(r.job!.body, 'group')[0]!.body, 'network')[0]!;
    assert.deepEqual(
      blocks(network.body, 'port').map((p) => [p.labels, attrs(p.body)]),
      [
        [['http'], { to: 80 }],
        [['https'], { to: 443 }],
        [['admin'], {}],
        [['metrics'], {}],
      ],
    );
  });

  it('reports bad for_each values, labels, iterators and content', () => {
    const r = run(`
job "j" {
  dynamic "group" {
    for_each = "x"
    content {}
  }
  dynamic "group" {
    for_each = null
    content {}
  }
  dynamic "group" {
    for_each = [1]
    labels   = "x"
    iterator = a.b
  }
  dynamic "group" {
    for_each = [null]
    labels   = [group.value]
    content {}
  }
}
`);
    assert.deepEqual(messages(r.diagnostics), [
      '4:16: Invalid dynamic for_each value; Cannot use a string value in for_each. An iterable collection is required.',
      '8:16: Invalid dynamic for_each value; Cannot use a null value in for_each.',
      '14:16: Invalid dynamic iterator name; Dynamic iterator must be a single variable name.',
      '13:16: Invalid expression; A static list expression is required.',
      '11:3: Missing dynamic content block; A dynamic block must have a nested block of type "content" to describe the body of each generated block.',
      '18:17: Invalid dynamic block label; Cannot use a null value as a dynamic block label.',
    ]);
    assert.deepEqual(blocks(r.job!.body, 'group'), []);
  });
});
