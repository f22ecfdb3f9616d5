import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, formatLogLine, goTimestamp, stderrSink } from '../../src/plugin/log.js';

const AT = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 123));

describe('hclog JSON lines', () => {
  test('timestamps use Go’s layout with six fractional digits', () => {
    assert.equal(goTimestamp(AT), '2026-01-02T03:04:05.123000Z');
    assert.equal(goTimestamp(new Date(Date.UTC(2026, 11, 31, 23, 59, 59, 0))), '2026-12-31T23:59:59.000000Z');
  });

  test('a line carries @level, @message, @module, @timestamp and the fields', () => {
    const line = formatLogLine('info', 'pot.grpc', 'plugin address', { address: '/tmp/x.sock', port: 5, ok: true }, AT);
    assert.deepEqual(JSON.parse(line), {
      '@level': 'info',
      '@message': 'plugin address',
      '@module': 'pot.grpc',
      '@timestamp': '2026-01-02T03:04:05.123000Z',
      address: '/tmp/x.sock',
      port: 5,
      ok: true,
    });
  });

  test('fields can never replace the hclog keys, and awkward values become strings', () => {
    const entry = JSON.parse(
      formatLogLine('warn', 'pot', 'm', { '@level': 42, '@message': null, error: new Error('boom'), big: 10n, nothing: undefined }, AT),
    ) as Record<string, unknown>;
    assert.equal(entry['@level'], 'warn');
    assert.equal(entry['@message'], 'm');
    assert.equal(entry.error, 'boom');
    assert.equal(entry.big, '10');
    assert.equal(entry.nothing, null);
  });

  test('unserialisable or oversized fields are dropped, never the line', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    assert.deepEqual(JSON.parse(formatLogLine('error', 'pot', 'm', { circular }, AT)), {
      '@level': 'error',
      '@message': 'm',
      '@module': 'pot',
      '@timestamp': '2026-01-02T03:04:05.123000Z',
      fields_dropped: 'not serialisable',
    });
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'x'.repeat(8000)]));
    const line = formatLogLine('debug', 'pot', 'm', many, AT);
    assert.equal((JSON.parse(line) as Record<string, unknown>).fields_dropped, 'too long');
    const long = JSON.parse(formatLogLine('debug', 'pot', 'y'.repeat(10_000), {}, AT)) as Record<string, string>;
    assert.equal(long['@message'], `${'y'.repeat(8192)}…`);
  });

  test('loggers write one line per entry, name child modules, and never throw', () => {
    const lines: string[] = [];
    const log = createLogger({ module: 'pot', sink: (l) => lines.push(l), clock: () => AT });
    log.trace('a');
    log.child('grpc').error('b', { method: 'StartTask' });
    assert.deepEqual(
      lines.map((l) => JSON.parse(l) as Record<string, unknown>),
      [
        { '@level': 'trace', '@message': 'a', '@module': 'pot', '@timestamp': '2026-01-02T03:04:05.123000Z' },
        { '@level': 'error', '@message': 'b', '@module': 'pot.grpc', '@timestamp': '2026-01-02T03:04:05.123000Z', method: 'StartTask' },
      ],
    );
    const broken = createLogger({ sink: () => { throw new Error('EPIPE'); } });
    assert.doesNotThrow(() => broken.info('still fine'));
    const badClock = createLogger({ sink: () => undefined, clock: () => new Date(Number.NaN) });
    assert.doesNotThrow(() => badClock.info('still fine'));
    const sink = stderrSink(() => { throw new Error('EPIPE'); });
    assert.doesNotThrow(() => sink('{}'));
  });

  test('the stderr sink adds the newline', () => {
    const written: string[] = [];
    stderrSink((text) => written.push(text))('{"a":1}');
    assert.deepEqual(written, ['{"a":1}\n']);
  });
});
