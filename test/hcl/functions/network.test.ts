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
const failed = (name: string, detail: string): string => `Error in function call; Call to function "${name}" failed: ${detail}.`;

test('cidrhost', () => {
  assert.equal(call('cidrhost', '10.12.112.0/20', 16), '10.12.112.16');
  assert.equal(call('cidrhost', '10.12.112.0/20', 268), '10.12.113.12');
  assert.equal(call('cidrhost', '10.12.112.0/20', -1), '10.12.127.255');
  assert.equal(call('cidrhost', 'fd00:fd12:3456:7890:00a2::/72', 34), 'fd00:fd12:3456:7890::22');
  fails('cidrhost', ['10.0.0.0/30', 4], failed('cidrhost', 'prefix of 30 does not accommodate a host numbered 4'));
  fails('cidrhost', ['10.0.0.0/30', -5], failed('cidrhost', 'prefix of 30 does not accommodate a host numbered -5'));
  fails('cidrhost', ['10.0.0.0', 1], failed('cidrhost', 'invalid CIDR expression: invalid CIDR address: 10.0.0.0'));
  fails('cidrhost', ['010.0.0.0/8', 1], failed('cidrhost', 'invalid CIDR expression: invalid CIDR address: 010.0.0.0/8'));
});

test('cidrnetmask', () => {
  assert.equal(call('cidrnetmask', '172.16.0.0/12'), '255.240.0.0');
  assert.equal(call('cidrnetmask', '10.0.0.0/32'), '255.255.255.255');
  assert.equal(call('cidrnetmask', '10.0.0.0/0'), '0.0.0.0');
  assert.equal(call('cidrnetmask', 'fe80::/64'), 'ffff:ffff:ffff:ffff::');
});

test('cidrsubnet', () => {
  assert.equal(call('cidrsubnet', '172.16.0.0/12', 4, 2), '172.18.0.0/16');
  assert.equal(call('cidrsubnet', '10.1.2.0/24', 4, 15), '10.1.2.240/28');
  assert.equal(call('cidrsubnet', '10.1.2.5/24', 0, 0), '10.1.2.0/24');
  assert.equal(call('cidrsubnet', 'fd00:fd12:3456:7890::/56', 16, 162), 'fd00:fd12:3456:7800:a200::/72');
  fails('cidrsubnet', ['10.1.2.0/24', 4, 16], failed('cidrsubnet', 'prefix extension of 4 does not accommodate a subnet numbered 16'));
  fails('cidrsubnet', ['10.1.2.0/24', 9, 0], failed('cidrsubnet', 'insufficient address space to extend prefix of 24 by 9'));
  fails('cidrsubnet', ['fd00::/56', 33, 0], failed('cidrsubnet', 'may not extend prefix by more than 32 bits'));
});

test('cidrsubnets', () => {
  assert.deepEqual(call('cidrsubnets', '10.1.0.0/16', 4, 4, 8, 4), ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']);
  assert.deepEqual(call('cidrsubnets', 'fd00:fd12:3456:7890::/56', 16, 16, 16, 32), [
    'fd00:fd12:3456:7800::/72',
    'fd00:fd12:3456:7800:100::/72',
    'fd00:fd12:3456:7800:200::/72',
    'fd00:fd12:3456:7800:300::/88',
  ]);
  assert.deepEqual(call('cidrsubnets', '10.0.0.0/8'), []);
  const invalid = (detail: string): string => `Invalid function argument; Invalid value for "newbits" parameter: ${detail}.`;
  fails('cidrsubnets', ['10.0.0.0/30', 1, 1, 1], invalid('not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31'));
  fails('cidrsubnets', ['10.0.0.0/30', 3], invalid('would extend prefix to 33 bits, which is too long for an IPv4 address'));
  fails('cidrsubnets', ['10.0.0.0/8', 0], invalid('must extend prefix by at least one bit'));
  fails('cidrsubnets', ['nope', 1], 'Invalid function argument; Invalid value for "prefix" parameter: invalid CIDR expression: invalid CIDR address: nope.');
});
