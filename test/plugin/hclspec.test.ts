import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PLUGIN_CONFIG_SCHEMA, TASK_CONFIG_SCHEMA, type Field, type FieldType } from '../../src/driver/schema.js';
import { hclLiteral, hclString, specFromSchema, type SpecMsg } from '../../src/plugin/hclspec.js';

function field(name: string, type: FieldType, extra: Partial<Field> = {}): Field {
  const { default: _none, ...like } = TASK_CONFIG_SCHEMA.fields[0] as Field;
  return { ...like, name, type, required: false, ...extra };
}

describe('specFromSchema', () => {
  test('wraps defaulted plugin fields in Default with an explicitly named Attr and a Literal', () => {
    assert.deepEqual(specFromSchema(PLUGIN_CONFIG_SCHEMA), {
      object: {
        attributes: {
          enabled: {
            default: {
              primary: { Attr: { name: 'enabled', type: 'bool', required: false } },
              default: { literal: { value: 'true' } },
            },
          },
          pot_bin: {
            default: {
              primary: { Attr: { name: 'pot_bin', type: 'string', required: false } },
              default: { literal: { value: '"/usr/local/bin/pot"' } },
            },
          },
          prepare_timeout: {
            default: {
              primary: { Attr: { name: 'prepare_timeout', type: 'string', required: false } },
              default: { literal: { value: '"10m"' } },
            },
          },
          command_timeout: {
            default: {
              primary: { Attr: { name: 'command_timeout', type: 'string', required: false } },
              default: { literal: { value: '"2m"' } },
            },
          },
          allowed_host_paths: {
            default: {
              primary: { Attr: { name: 'allowed_host_paths', type: 'list(string)', required: false } },
              default: { literal: { value: '[]' } },
            },
          },
          allowed_jail_attributes: {
            default: {
              primary: { Attr: { name: 'allowed_jail_attributes', type: 'list(string)', required: false } },
              default: { literal: { value: '[]' } },
            },
          },
          devfs_rulesets: {
            default: {
              primary: { Attr: { name: 'devfs_rulesets', type: 'list(string)', required: false } },
              default: { literal: { value: '["4"]' } },
            },
          },
        },
      },
    });
  });

  test('gives every task field a plain Attr with its HCL type and required flag', () => {
    const spec = specFromSchema(TASK_CONFIG_SCHEMA) as { object: { attributes: Record<string, SpecMsg> } };
    assert.deepEqual(Object.keys(spec.object.attributes), TASK_CONFIG_SCHEMA.fields.map((f) => f.name));
    assert.deepEqual(spec.object.attributes.image, { Attr: { name: 'image', type: 'string', required: true } });
    assert.deepEqual(spec.object.attributes.args, { Attr: { name: 'args', type: 'list(string)', required: false } });
    assert.deepEqual(spec.object.attributes.port_map, { Attr: { name: 'port_map', type: 'list(map(string))', required: false } });
  });

  test('walks any schema it is given', () => {
    const spec = specFromSchema({
      block: 'test',
      fields: [
        field('count', { kind: 'number' }, { default: 3 }),
        field('names', { kind: 'list', of: { kind: 'string' } }, { default: ['a', 'b"c'] }),
        field('labels', { kind: 'map', of: { kind: 'string' } }, { required: true }),
      ],
    });
    assert.deepEqual(spec, {
      object: {
        attributes: {
          count: {
            default: {
              primary: { Attr: { name: 'count', type: 'number', required: false } },
              default: { literal: { value: '3' } },
            },
          },
          names: {
            default: {
              primary: { Attr: { name: 'names', type: 'list(string)', required: false } },
              default: { literal: { value: '["a", "b\\"c"]' } },
            },
          },
          labels: { Attr: { name: 'labels', type: 'map(string)', required: true } },
        },
      },
    });
  });
});

describe('HCL literals', () => {
  test('quotes strings with HCL escapes and keeps template markers literal', () => {
    assert.equal(hclString('plain'), '"plain"');
    assert.equal(hclString('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(hclString('line\nnext\ttab\r'), '"line\\nnext\\ttab\\r"');
    assert.equal(hclString('\u0001\u007f'), '"\\u0001\\u007f"');
    assert.equal(hclString('${NOMAD_TASK_DIR} %{ if x }'), '"$${NOMAD_TASK_DIR} %%{ if x }"');
    assert.equal(hclString('$ and % alone'), '"$ and % alone"');
    assert.equal(hclString('ünïcode ✓'), '"ünïcode ✓"');
  });

  test('writes each default in its own type and refuses a default of the wrong type', () => {
    assert.equal(hclLiteral(false, { kind: 'bool' }, 'f'), 'false');
    assert.equal(hclLiteral(0.5, { kind: 'number' }, 'f'), '0.5');
    assert.equal(hclLiteral([], { kind: 'list', of: { kind: 'string' } }, 'f'), '[]');
    assert.throws(() => hclLiteral('yes', { kind: 'bool' }, 'f'), {
      message: 'default of schema field "f" does not match its type bool',
    });
    assert.throws(() => hclLiteral(Number.NaN, { kind: 'number' }, 'n'), {
      message: 'default of schema field "n" does not match its type number',
    });
  });
});
