import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attr, attrs, blocks, errorsOf, messages, run, valueOf } from './helpers.js';

describe('references the client interpolates at run time', () => {
  it('keeps any traversal of an unknown root as ${<exact source>}', () => {
    assert.equal(valueOf('"${NOMAD_ALLOC_DIR}/data"'), '${NOMAD_ALLOC_DIR}/data');
    assert.equal(valueOf('attr.kernel.name'), '${attr.kernel.name}');
    assert.equal(valueOf('env["PATH"]'), '${env["PATH"]}');
    assert.equal(valueOf('meta.rack'), '${meta.rack}');
    assert.equal(valueOf('"${node.unique.name}-${NOMAD_PORT_http}"'), '${node.unique.name}-${NOMAD_PORT_http}');
    assert.equal(valueOf('NOMAD_META_items[0]'), '${NOMAD_META_items[0]}');
  });

  it('takes the traversal text without the surrounding spaces', () => {
    assert.equal(valueOf('"${ attr.kernel.name }"'), '${attr.kernel.name}');
  });

  it('leaves $${X} as the literal ${X}, without interpolating it again', () => {
    assert.equal(valueOf('"$${X}"'), '${X}');
    assert.equal(valueOf('"$${NOT_INTERPOLATED} ${NOMAD_ALLOC_ID} $HOME %%{x}"'), '${NOT_INTERPOLATED} ${NOMAD_ALLOC_ID} $HOME %{x}');
  });

  it('treats the kept string as a string afterwards', () => {
    assert.deepEqual(errorsOf('meta[local.k]', 'locals {\n  k = "rack"\n}'), ['5:11: Invalid index; This value does not have any indices.']);
    assert.equal(valueOf('try(attr.x, "fallback")'), '${attr.x}');
  });

  it('lets for iterators shadow unknown roots', () => {
    assert.deepEqual(valueOf('[for attr in ["a"] : attr]'), ['a']);
  });

  it('evaluates config, env, meta and template bodies eagerly', () => {
    const r = run(`
locals {
  size = 4
}
job "j" {
  group "g" {
    task "t" {
      driver = "pot"
      config {
        image = "https://example/\${NOMAD_TASK_NAME}"
        args  = ["--size", local.size * 1024]
        port_map = { http = "80" }
      }
      env {
        PATH = "\${env["PATH"]}:/opt/bin"
        SIZE = "\${1024 * local.size}"
      }
      meta {
        rack = meta.rack
      }
      template {
        data        = "{{ key \\"service/\${NOMAD_JOB_NAME}\\" }} \${local.size}"
        destination = "local/file.conf"
      }
    }
  }
}
`);
    assert.deepEqual(messages(r.diagnostics), []);
    const task = blocks(blocks(r.job!.body, 'group')[0]!.body, 'task')[0]!;
    const config = blocks(task.body, 'config')[0]!;
    assert.deepEqual(attrs(config.body), {
      image: 'https://example/${NOMAD_TASK_NAME}',
      args: ['--size', 4096],
      port_map: { http: '80' },
    });
    assert.deepEqual(attrs(blocks(task.body, 'env')[0]!.body), { PATH: '${env["PATH"]}:/opt/bin', SIZE: 4096 });
    assert.deepEqual(attrs(blocks(task.body, 'meta')[0]!.body), { rack: '${meta.rack}' });
    assert.equal(attr(blocks(task.body, 'template')[0]!.body, 'data').value, '{{ key "service/${NOMAD_JOB_NAME}" }} 4');
  });
});
