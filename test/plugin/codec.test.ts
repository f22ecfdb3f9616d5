import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PLUGIN_CONFIG_SCHEMA, TASK_CONFIG_SCHEMA, type Field, type FieldType, type Schema } from '../../src/driver/schema.js';
import { decodeConfig, MAX_PAYLOAD_BYTES } from '../../src/plugin/codec.js';
import { encodeCtyConfig } from '../../src/plugin/cty-encode.js';
import { PayloadError } from '../../src/plugin/errors.js';

/** A field shaped like the real ones, whatever else the schema's fields come to carry. */
function field(name: string, type: FieldType, required = false): Field {
  const { default: _none, ...like } = TASK_CONFIG_SCHEMA.fields[0] as Field;
  return { ...like, name, type, required };
}

const EXAMPLE: Schema = {
  block: 'config',
  fields: [
    field('command', { kind: 'string' }, true),
    field('args', { kind: 'list', of: { kind: 'string' } }),
    field('port', { kind: 'number' }),
  ],
};

const NUMBERS: Schema = {
  block: 'config',
  fields: [
    field('n', { kind: 'number' }),
    field('ns', { kind: 'list', of: { kind: 'number' } }),
    field('nm', { kind: 'map', of: { kind: 'number' } }),
  ],
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const str = (s: string): string => Buffer.concat([Buffer.from([0xa0 | s.length]), Buffer.from(s)]).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

function payloadError(fn: () => unknown): PayloadError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof PayloadError, `expected a PayloadError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a PayloadError');
}

describe('encodeCtyConfig', () => {
  test('produces the bytes go-cty produces for the reference example', () => {
    const encoded = encodeCtyConfig({ command: '/bin/sleep', args: ['10'] }, EXAMPLE);
    assert.equal(hex(encoded), `83${str('args')}91${str('10')}${str('command')}${str('/bin/sleep')}${str('port')}c0`);
  });

  test('encodes numbers like go-cty: smallest ints, exact floats, decimal strings for the rest', () => {
    const n = (value: number): string => hex(encodeCtyConfig({ n: value }, NUMBERS)).slice(hex(bytes(`83a16e`)).length);
    const tail = `${str('nm')}c0${str('ns')}c0`;
    assert.equal(n(5), `05${tail}`);
    assert.equal(n(-1), `ff${tail}`);
    assert.equal(n(-33), `d0df${tail}`);
    assert.equal(n(300), `cd012c${tail}`);
    assert.equal(n(70000), `ce00011170${tail}`);
    assert.equal(n(2 ** 40), `cf0000010000000000${tail}`);
    assert.equal(n(-(2 ** 40)), `d3ffffff0000000000${tail}`);
    assert.equal(n(1.25), `cb3ff4000000000000${tail}`);
    assert.equal(n(0.1), `${str('0.1')}${tail}`);
    assert.equal(n(1.5e-7), `${str('0.00000015')}${tail}`);
    assert.equal(n(1e19), `${Buffer.from([0xb4]).toString('hex')}${Buffer.from('10000000000000000000').toString('hex')}${tail}`);
  });

  test('sorts map keys bytewise and rejects keys outside the schema', () => {
    const encoded = encodeCtyConfig({ nm: { b: 1, a: 2, '10': 3, '9': 4 } }, NUMBERS);
    assert.equal(hex(encoded), `83${str('n')}c0${str('nm')}84${str('10')}03${str('9')}04${str('a')}02${str('b')}01${str('ns')}c0`);
    assert.throws(() => encodeCtyConfig({ nope: 1 }, NUMBERS), { message: '"nope" is not a field of the config schema' });
  });
});

describe('decodeConfig', () => {
  test('drops nulls and keeps values, for the reference example', () => {
    const payload = bytes(`83${str('args')}91${str('10')}${str('command')}${str('/bin/sleep')}${str('port')}c0`);
    assert.deepEqual(decodeConfig(payload, EXAMPLE), { args: ['10'], command: '/bin/sleep' });
  });

  test('an empty payload is an empty config', () => {
    assert.deepEqual(decodeConfig(new Uint8Array(0), PLUGIN_CONFIG_SCHEMA), {});
  });

  test('round-trips a full task config through the encoder', () => {
    const config = {
      image: 'https://pot-registry.example/registry/',
      pot: 'nginx-only',
      tag: '1.0',
      command: 'nginx',
      args: ['-g', "'daemon off;'"],
      network_mode: 'public-bridge',
      port_map: [{ http: '80', dns: 'udp:53' }],
      copy: ['/etc/hosts:/etc/hosts'],
      mount: [],
      extra_hosts: ['db:10.0.0.2'],
    };
    assert.deepEqual(decodeConfig(encodeCtyConfig(config, TASK_CONFIG_SCHEMA), TASK_CONFIG_SCHEMA), config);
  });

  test('reads numbers in every form go-cty writes them', () => {
    const payload = encodeCtyConfig({ n: 0.1, ns: [1e100, 1.25, -7, 2 ** 40], nm: { big: 1e19 } }, NUMBERS);
    assert.deepEqual(decodeConfig(payload, NUMBERS), { n: 0.1, ns: [1e100, 1.25, -7, 2 ** 40], nm: { big: 1e19 } });
    // float32 and a uint64 beyond 2^53 are not written by go-cty, but are read all the same.
    const wide = bytes(`81${str('n')}cf ffffffffffffffff`);
    assert.deepEqual(decodeConfig(wide, NUMBERS), { n: 18446744073709552000 });
    assert.deepEqual(decodeConfig(bytes(`81${str('n')}ca 3fc00000`), NUMBERS), { n: 1.5 });
  });

  test('leaves a non-numeric string in a number field for validation to report', () => {
    assert.deepEqual(decodeConfig(bytes(`81${str('n')}${str('ten')}`), NUMBERS), { n: 'ten' });
  });

  test('keeps numeric-looking strings in string fields as strings', () => {
    assert.deepEqual(decodeConfig(encodeCtyConfig({ tag: '1.0' }, TASK_CONFIG_SCHEMA), TASK_CONFIG_SCHEMA), { tag: '1.0' });
  });

  test('treats unknown (ext) values as absent', () => {
    const payload = bytes(`82${str('command')}d40000${str('args')}92${str('a')}d40000`);
    assert.deepEqual(decodeConfig(payload, EXAMPLE), { args: ['a'] });
  });

  test('rejects malformed payloads with a PayloadError a person can act on', () => {
    const cases: Array<[string, string]> = [
      ['c1', 'the config block sent by Nomad is not valid msgpack: '],
      ['85a361', 'the config block sent by Nomad is not valid msgpack: '],
      ['80c0', 'the config block sent by Nomad is not valid msgpack: '],
    ];
    for (const [input, prefix] of cases) {
      const err = payloadError(() => decodeConfig(bytes(input), EXAMPLE));
      assert.ok(err.message.startsWith(prefix), err.message);
      assert.equal(err.kind, 'config');
    }
    assert.equal(
      payloadError(() => decodeConfig(bytes('93010203'), EXAMPLE)).message,
      'the config block sent by Nomad should be a msgpack map of settings, but is an array',
    );
    assert.equal(
      payloadError(() => decodeConfig(bytes('c0'), EXAMPLE)).message,
      'the config block sent by Nomad should be a msgpack map of settings, but is nil',
    );
    assert.equal(
      payloadError(() => decodeConfig(bytes(str('hi')), PLUGIN_CONFIG_SCHEMA)).message,
      'the plugin config block sent by Nomad should be a msgpack map of settings, but is a string',
    );
    assert.equal(
      payloadError(() => decodeConfig(bytes(`81${str('command')}c403616263`), EXAMPLE)).message,
      'the config block sent by Nomad holds raw bytes at "command", where a value was expected',
    );
    assert.match(payloadError(() => decodeConfig(bytes(`81a95f5f70726f746f5f5f01`), EXAMPLE)).message, /__proto__/);
  });

  test('guards depth and size', () => {
    const deep = bytes(`81${str('args')}${'91'.repeat(40)}01`);
    assert.equal(
      payloadError(() => decodeConfig(deep, EXAMPLE)).message,
      `the config block sent by Nomad nests deeper than 32 levels at "args${'[0]'.repeat(32)}"`,
    );
    const huge = new Uint8Array(MAX_PAYLOAD_BYTES + 1);
    assert.equal(
      payloadError(() => decodeConfig(huge, EXAMPLE)).message,
      `the config block sent by Nomad is ${MAX_PAYLOAD_BYTES + 1} bytes, more than the ${MAX_PAYLOAD_BYTES} accepted`,
    );
    // A header announcing four billion items must fail fast instead of allocating.
    assert.ok(payloadError(() => decodeConfig(bytes('dfffffffff'), EXAMPLE)).message.startsWith('the config block sent by Nomad is not valid msgpack: '));
  });

  test('never throws anything but a PayloadError, whatever the bytes', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 3000; i++) {
      const input = new Uint8Array(1 + (next() % 24));
      for (let j = 0; j < input.length; j++) input[j] = next() & 0xff;
      if (i % 2 === 0) input[0] = 0x80 | (next() % 4);
      try {
        const out = decodeConfig(input, TASK_CONFIG_SCHEMA);
        assert.equal(typeof out, 'object');
      } catch (err) {
        assert.ok(err instanceof PayloadError, `${hex(input)}: ${String(err)}`);
      }
    }
  });
});
