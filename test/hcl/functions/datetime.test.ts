import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionCallError } from '../../../src/hcl/functions/index.js';
import { callFunction } from './call-helper.js';
import type { Value } from '../../../src/hcl/value.js';

const ctx = { baseDir: '/nonexistent', allowFS: false };
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, ctx);
const fails = (name: string, args: Value[], message: string): void => {
  assert.throws(() => callFunction(name, args, ctx), (e: unknown) => e instanceof FunctionCallError && e.message === message);
};
const badFormat = (detail: string): string => `Invalid function argument; Invalid value for "format" parameter: ${detail}.`;
const badTime = (detail: string): string => `Invalid function argument; Invalid value for "time" parameter: not a valid RFC3339 timestamp: ${detail}.`;

test('formatdate spec letters', () => {
  const t = '2018-01-02T23:12:01Z';
  assert.equal(call('formatdate', 'DD MMM YYYY hh:mm ZZZ', t), '02 Jan 2018 23:12 UTC');
  assert.equal(call('formatdate', 'EEEE, DD-MMM-YY hh:mm:ss ZZZ', t), 'Tuesday, 02-Jan-18 23:12:01 UTC');
  assert.equal(call('formatdate', 'EEE, DD MMM YYYY hh:mm:ss ZZZ', '2018-01-02T23:12:01-08:00'), 'Tue, 02 Jan 2018 23:12:01 -0800');
  assert.equal(call('formatdate', 'MMM DD, YYYY', t), 'Jan 02, 2018');
  assert.equal(call('formatdate', 'HH:mmaa', t), '11:12pm');
  assert.equal(call('formatdate', 'H:m:s AA', '2018-01-02T00:05:09+05:30'), '12:5:9 AM');
  assert.equal(call('formatdate', 'h|hh|M|MM|MMMM|D', '2018-03-04T05:06:07Z'), '5|05|3|03|March|4');
  assert.equal(call('formatdate', 'Z|ZZZ|ZZZZ|ZZZZZ', t), 'Z|UTC|+0000|+00:00');
  assert.equal(call('formatdate', 'Z|ZZZ|ZZZZ|ZZZZZ', '2018-01-02T23:12:01+05:30'), '+05:30|+0530|+0530|+05:30');
  assert.equal(call('formatdate', "'Today is' EEEE", t), 'Today is Tuesday');
  assert.equal(call('formatdate', "hh'h'mm 'o''clock' ''", t), "23h12 o'clock '");
  assert.equal(call('formatdate', 'YYYY-MM-DD', '2020-02-29T23:59:59.999999999Z'), '2020-02-29');
});

test('formatdate errors', () => {
  fails('formatdate', ['YYY', '2018-01-02T23:12:01Z'], badFormat('invalid date format verb "YYY": year must either be "YY" or "YYYY"'));
  fails('formatdate', ['MMMMM', '2018-01-02T23:12:01Z'], badFormat('invalid date format verb "MMMMM": month must be "M", "MM", "MMM", or "MMMM"'));
  fails('formatdate', ['q', '2018-01-02T23:12:01Z'], badFormat('invalid date format verb "q"'));
  fails('formatdate', ['A', '2018-01-02T23:12:01Z'], badFormat('invalid date format verb "A": must be "AA"'));
  fails('formatdate', ["'abc", '2018-01-02T23:12:01Z'], badFormat("unterminated literal '"));
  fails('formatdate', ['YYYY', '2018-01-02'], badTime("missing required time introducer 'T'"));
  fails('formatdate', ['YYYY', 'soon'], badTime('cannot use "soon" as year'));
  fails('formatdate', ['YYYY', '2018-13-02T23:12:01Z'], badTime('month out of range'));
  fails('formatdate', ['YYYY', '2018-02-30T23:12:01Z'], badTime('day out of range'));
  fails('formatdate', ['YYYY', '2018-01-02T23:12:01'], badTime('end of string before UTC offset'));
  fails('formatdate', ['YYYY', '2018-01-02T23:12Z'], badTime('found "Z" where ":" is expected'));
  fails('formatdate', ['YYYY', '2018-01-02T23:12:01Zjunk'], badTime('extra text: "junk"'));
});

test('timeadd keeps the offset and uses Go durations', () => {
  assert.equal(call('timeadd', '2017-11-22T00:00:00Z', '10m'), '2017-11-22T00:10:00Z');
  assert.equal(call('timeadd', '2017-11-22T00:00:00Z', '-1h'), '2017-11-21T23:00:00Z');
  assert.equal(call('timeadd', '2017-11-22T00:00:00+01:00', '1h30m45s'), '2017-11-22T01:30:45+01:00');
  assert.equal(call('timeadd', '2020-02-28T12:00:00Z', '24h'), '2020-02-29T12:00:00Z');
  assert.equal(call('timeadd', '2017-11-22T00:00:00.5Z', '1.5s'), '2017-11-22T00:00:02Z');
  assert.equal(call('timeadd', '2017-11-22T00:00:00Z', '1500ms'), '2017-11-22T00:00:01Z');
  assert.equal(call('timeadd', '2017-11-22T00:00:00Z', '0'), '2017-11-22T00:00:00Z');
  const failed = (detail: string): string => `Error in function call; Call to function "timeadd" failed: ${detail}.`;
  fails('timeadd', ['2017-11-22T00:00:00Z', '1d'], failed('time: unknown unit "d" in duration "1d"'));
  fails('timeadd', ['2017-11-22T00:00:00Z', '10'], failed('time: missing unit in duration "10"'));
  fails('timeadd', ['2017-11-22T00:00:00Z', 'h'], failed('time: invalid duration "h"'));
  fails('timeadd', ['nope', '1h'], failed('not a valid RFC3339 timestamp: cannot use "nope" as year'));
});

test('years below 100 and leap days are real calendar dates', () => {
  assert.equal(call('formatdate', 'YYYY-MM-DD EEE', '0050-03-01T00:00:00Z'), '0050-03-01 Tue');
  assert.equal(call('timeadd', '0004-02-28T00:00:00Z', '24h'), '0004-02-29T00:00:00Z');
  fails('formatdate', ['YYYY', '1900-02-29T00:00:00Z'], badTime('day out of range'));
  fails('formatdate', ['YYYY', '2018-01-02T1:00:00Z'], badTime('cannot use "1:00:00Z" as hour'));
});
