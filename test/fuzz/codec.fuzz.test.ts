/**
 * The plugin's config decoding as StartTask and SetConfig run it (msgpack bytes → decodeConfig → the driver's
 * validation) fed with mutated real payloads, random bytes and random msgpack values: each must decode or be
 * refused with a PayloadError or ConfigError, never throw anything else, and never hang or allocate without
 * bound on a hostile length header or deep nesting.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode, ExtData } from '@msgpack/msgpack';
import { decodePotConfig } from '../../src/driver/config.js';
import { ConfigError } from '../../src/driver/errors.js';
import { PLUGIN_CONFIG_SCHEMA, TASK_CONFIG_SCHEMA, type Schema } from '../../src/driver/schema.js';
import { decodeDriverSettings } from '../../src/driver/settings.js';
import { decodeConfig, MAX_PAYLOAD_BYTES } from '../../src/plugin/codec.js';
import { encodeCtyConfig } from '../../src/plugin/cty-encode.js';
import { PayloadError } from '../../src/plugin/errors.js';
import { HANG_GUARD_MS, runCases, timed } from './cases.js';
import { fixtureTaskConfigs } from './corpus.js';
import { BYTE_MUTATIONS, mutate } from './mutate.js';
import { fuzzSeed, type Random } from './random.js';

const SEED = fuzzSeed(0xc0de_c0de);
const CASES = 3000;

/** StartTask's path: the payload decoded with the task schema, then the pot config decoded and checked. */
function startTaskPath(bytes: Uint8Array): unknown {
  return decodePotConfig(decodeConfig(bytes, TASK_CONFIG_SCHEMA));
}

/** SetConfig's path: the payload decoded with the plugin schema, then the driver settings decoded and checked. */
function setConfigPath(bytes: Uint8Array): unknown {
  return decodeDriverSettings(decodeConfig(bytes, PLUGIN_CONFIG_SCHEMA));
}

/** The result, or the error, which must be one of the two the plugin turns into INVALID_ARGUMENT. */
function outcomeOf(path: (bytes: Uint8Array) => unknown, bytes: Uint8Array): 'ok' | PayloadError | ConfigError {
  const { value, error, ms } = timed(() => path(bytes));
  assert.ok(ms <= HANG_GUARD_MS, `took ${Math.round(ms)} ms`);
  if (error === undefined) {
    assert.ok(typeof value === 'object' && value !== null, 'decoded to nothing');
    return 'ok';
  }
  if (!(error instanceof PayloadError) && !(error instanceof ConfigError)) {
    assert.fail(`threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)} instead of a PayloadError or ConfigError`);
  }
  assert.ok(error.message.trim().length > 0, `${error.name} without a message`);
  if (error instanceof ConfigError) assert.ok(error.issues.length > 0, 'a ConfigError without issues');
  return error;
}

function check(bytes: Uint8Array): void {
  outcomeOf(startTaskPath, bytes);
  outcomeOf(setConfigPath, bytes);
}

const FIELD_NAMES = [...TASK_CONFIG_SCHEMA.fields, ...PLUGIN_CONFIG_SCHEMA.fields].map((f) => f.name);

/** Byte strings of types go-cty's dynamic wrapper uses, as `[bin(type JSON), value]`. */
const CTY_TYPES = ['"string"', '"number"', '["list","string"]', '["map","string"]', '"dynamic"'].map((t) => new TextEncoder().encode(t));

/** A random value of any msgpack kind, including the ones Nomad never sends. */
function randomValue(random: Random, depth = 0): unknown {
  switch (random.int(depth > 3 ? 8 : 11)) {
    case 0:
      return random.pick(['', 'x', 'host', 'inherit', 'public-bridge', '/a:/b', 'db.internal:10.0.0.5', 'devfs_ruleset:4', 'tcp:80',
        '0.1', '1e400', ' 7 ', '10m', '-1s', '/usr/local/bin/pot', 'relative/pot', '\u0000', '\ud800', 'é'.repeat(300)]);
    case 1:
      return random.pick([0, -1, 1.5, 0.1, 2 ** 53 + 2, -(2 ** 63), Number.NaN, Infinity, -Infinity, 65_536, 1e21]);
    case 2:
      return random.chance(0.5);
    case 3:
      return null;
    case 4:
      return BigInt.asIntN(64, (BigInt(random.next()) << 32n) | BigInt(random.next()));
    case 5:
      // Unknown values (0 and go-cty's refined 0x0c), a timestamp (-1) and other extension types.
      return new ExtData(random.pick([0, 0x0c, -1, 5]), random.bytes(random.pick([0, 1, 4, 8, 12, 3])));
    case 6:
      return random.bytes(random.int(6));
    case 7:
      return [random.pick(CTY_TYPES), randomValue(random, depth + 1)];
    case 8:
    case 9:
      return Array.from({ length: random.int(5) }, () => randomValue(random, depth + 1));
    default: {
      const map: Record<string, unknown> = {};
      for (let n = random.int(5); n > 0; n--) {
        const key = random.chance(0.7) ? random.pick(FIELD_NAMES) : random.pick(['http', '', 'x', 'constructor', 'toString', 'hasOwnProperty']);
        map[key] = randomValue(random, depth + 1);
      }
      return map;
    }
  }
}

function randomPayload(random: Random): Uint8Array {
  const top: Record<string, unknown> = {};
  for (let n = random.int(8); n > 0; n--) top[random.chance(0.85) ? random.pick(FIELD_NAMES) : 'unknown_key'] = randomValue(random);
  return encode(top, { useBigInt64: true, forceFloat32: random.chance(0.2), sortKeys: random.chance(0.5) });
}

/** Real payloads: the example jobs' pot configs and plugin configs as go-cty encodes them, plus cty's odd values. */
function seedPayloads(): Uint8Array[] {
  const task = (values: Record<string, unknown>): Uint8Array => encodeCtyConfig(values, TASK_CONFIG_SCHEMA);
  const plugin = (values: Record<string, unknown>): Uint8Array => encodeCtyConfig(values, PLUGIN_CONFIG_SCHEMA);
  const image = { image: 'https://potluck.example/registry', pot: 'web-amd64-14_1', tag: '1.0' };
  // A single `port_map { ... }` block is the list of one map the hclspec makes of it.
  const asCty = (config: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(config).map(([k, v]) => [k, k === 'port_map' && !Array.isArray(v) ? [v] : v]));
  return [
    ...fixtureTaskConfigs().map((config) => task(asCty(config))),
    task(image),
    plugin({}),
    plugin({ enabled: true, pot_bin: '/usr/local/bin/pot', prepare_timeout: '10m', command_timeout: '2m' }),
    // go-cty's unknown value, its refined unknown, a dynamic wrapper and a number that float64 cannot hold.
    encode({ ...image, command: new ExtData(0, Uint8Array.of(0)) }),
    encode({ ...image, args: [new ExtData(0x0c, encode({ 1: true }))] }),
    encode({ ...image, command: [CTY_TYPES[0], '/bin/sh'] }),
    encode({ ...image, port_map: [{ http: '80' }], copy: ['/a:/b'], extra_hosts: ['db:10.0.0.5'], attributes: ['devfs_ruleset:4'] }),
    encode({ enabled: 'true', pot_bin: '/opt/pot', prepare_timeout: '0', command_timeout: 0.1 }),
  ];
}

describe('config decoder fuzz', () => {
  const seeds = seedPayloads();

  it('decodes every seed payload as the plugin would', () => {
    for (const bytes of seeds) check(bytes);
    assert.equal(outcomeOf(startTaskPath, seeds[0]!), 'ok');
  });

  it(`handles ${CASES} mutated, random and hostile payloads with a result or a typed error`, async () => {
    await runCases({
      name: 'config decoder',
      seed: SEED,
      count: CASES,
      generate(random) {
        const kind = random.int(10);
        if (kind < 5) return mutate(random.pick(seeds), random, BYTE_MUTATIONS, 4);
        if (kind < 7) return random.bytes(random.int(64));
        if (kind < 9) return randomPayload(random);
        return mutate(randomPayload(random), random, BYTE_MUTATIONS, 2);
      },
      check,
    });
  });
});

describe('config decoder on hostile payloads', () => {
  const hex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
  const key = (s: string): string => Buffer.concat([Buffer.from([0xa0 | s.length]), Buffer.from(s)]).toString('hex');
  const refusedWith = (schema: Schema, bytes: Uint8Array): string => {
    const outcome = outcomeOf(schema === TASK_CONFIG_SCHEMA ? startTaskPath : setConfigPath, bytes);
    assert.ok(outcome instanceof PayloadError, `expected a PayloadError, got ${String(outcome)}`);
    return outcome.message;
  };

  it('refuses length headers of four billion items without allocating for them', () => {
    const rssBefore = process.memoryUsage().rss;
    const headers: Array<[string, string]> = [
      ['dd ffffffff', 'array length (4294967295) > maxArrayLength (5)'],
      ['df ffffffff', 'map length (4294967295) > maxMapLengthLength (5)'],
      ['db ffffffff', 'UTF-8 byte length (4294967295) > maxStrLength (5)'],
      ['c6 ffffffff', 'bin length (4294967295) > maxBinLength (5)'],
      ['c9 ffffffff 01', 'ext length (4294967295) > maxExtLength (6)'],
      [`81 ${key('args')} dd ffffffff`, 'array length (4294967295) > maxArrayLength (11)'],
      [`81 ${key('port_map')} 91 df ffffffff`, 'map length (4294967295) > maxMapLengthLength (16)'],
    ];
    for (const [bytes, reason] of headers) {
      assert.equal(refusedWith(TASK_CONFIG_SCHEMA, hex(bytes)), `the config block sent by Nomad is not valid msgpack: Max length exceeded: ${reason}`);
    }
    // Far below what honouring any of those headers would take.
    assert.ok(process.memoryUsage().rss - rssBefore < 256 * 1024 * 1024);
  });

  it('refuses nesting a million levels deep before building it', () => {
    const rssBefore = process.memoryUsage().rss;
    // `head`, then `unit` `times` times, then nil.
    const repeated = (head: string, unit: string, times: number): Uint8Array => {
      const [h, u] = [hex(head), hex(unit)];
      const bytes = new Uint8Array(h.length + u.length * times + 1).fill(0xc0);
      bytes.set(h);
      for (let i = 0; i < times; i++) bytes.set(u, h.length + i * u.length);
      return bytes;
    };
    const deepArrays = repeated(`81 ${key('args')}`, '91', 1_000_000);
    const deepMaps = repeated(`81 ${key('port_map')}`, `81 ${key('x')}`, 500_000);
    assert.equal(refusedWith(TASK_CONFIG_SCHEMA, deepArrays), 'the config block sent by Nomad nests deeper than 32 levels');
    assert.equal(refusedWith(TASK_CONFIG_SCHEMA, deepMaps), 'the config block sent by Nomad nests deeper than 32 levels');
    assert.equal(refusedWith(PLUGIN_CONFIG_SCHEMA, repeated('', '91', 1_000_000)), 'the plugin config block sent by Nomad nests deeper than 32 levels');
    assert.ok(process.memoryUsage().rss - rssBefore < 256 * 1024 * 1024);
    // Moderately deep payloads still name the value that is too deep.
    assert.equal(
      refusedWith(TASK_CONFIG_SCHEMA, hex(`81 ${key('args')} ${'91'.repeat(100)} c0`)),
      `the config block sent by Nomad nests deeper than 32 levels at "args${'[0]'.repeat(32)}"`,
    );
  });

  it('refuses payloads over 4 MiB, a top level that is not a map, and keys msgpack does not allow', () => {
    assert.equal(
      refusedWith(TASK_CONFIG_SCHEMA, new Uint8Array(MAX_PAYLOAD_BYTES + 1).fill(0xc0)),
      'the config block sent by Nomad is 4194305 bytes, more than the 4194304 accepted',
    );
    assert.equal(refusedWith(TASK_CONFIG_SCHEMA, hex('c0')), 'the config block sent by Nomad should be a msgpack map of settings, but is nil');
    assert.equal(refusedWith(TASK_CONFIG_SCHEMA, hex('90')), 'the config block sent by Nomad should be a msgpack map of settings, but is an array');
    assert.equal(
      refusedWith(TASK_CONFIG_SCHEMA, hex('d4 00 00')),
      'the config block sent by Nomad should be a msgpack map of settings, but is an extension value',
    );
    assert.equal(
      refusedWith(TASK_CONFIG_SCHEMA, hex(`81 ${key('__proto__')} 80`)),
      'the config block sent by Nomad is not valid msgpack: The key __proto__ is not allowed',
    );
    assert.equal(
      refusedWith(TASK_CONFIG_SCHEMA, hex('81 c3 01')),
      'the config block sent by Nomad is not valid msgpack: The type of key must be string or number but boolean',
    );
    assert.equal(refusedWith(TASK_CONFIG_SCHEMA, hex('80 c0')), 'the config block sent by Nomad is not valid msgpack: Extra 1 of 2 byte(s) found at buffer[1]');
    assert.equal(refusedWith(TASK_CONFIG_SCHEMA, hex('c1')), 'the config block sent by Nomad is not valid msgpack: Unrecognized type byte: 0xc1');
  });

  it('reports odd values as config issues rather than failing on them', () => {
    const image = { image: 'https://potluck.example/registry', pot: 'web-amd64-14_1', tag: '1.0' };
    const issues = (value: Record<string, unknown>): string[] => {
      const outcome = outcomeOf(startTaskPath, encode({ ...image, ...value }, { useBigInt64: true }));
      assert.ok(outcome instanceof ConfigError, `expected a ConfigError for ${JSON.stringify(Object.keys(value))}`);
      return outcome.issues.map((i) => `${i.path.join('.')}: ${i.message.split(';')[0]}`);
    };
    assert.deepEqual(issues({ command: Number.NaN }), ['command: must be a string, not the number NaN']);
    assert.deepEqual(issues({ network_mode: new Date(0) }), ['network_mode: must be a string, not a map']);
    assert.deepEqual(issues({ args: 'x' }), ['args: must be a list of string, not the string "x"']);
    assert.deepEqual(issues({ constructor: 'x' }), ['constructor: unknown option']);
    // An unknown value is an absent one.
    assert.deepEqual(issues({ image: new ExtData(0, Uint8Array.of(0)) }), ['image: is required (Base URL of the image registry, passed to `pot prepare -U`)']);
    // uint64 beyond 2^53 arrives as a BigInt and is used as a number.
    assert.equal(outcomeOf(startTaskPath, encode({ ...image, command: 2n ** 64n - 1n }, { useBigInt64: true })), 'ok');
  });

  it(
    'refuses a 1 MiB unknown key quickly',
    () => {
      const outcome = outcomeOf(startTaskPath, encode({ ['k'.repeat(1024 * 1024)]: 1 }));
      assert.ok(outcome instanceof ConfigError);
    },
  );
});
