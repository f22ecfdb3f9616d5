import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ConformanceData } from '../../../tools/conformance/data.js';
import { agrees, contextScope, expectedOf, runCase } from './run-case.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DATA = JSON.parse(readFileSync(`${ROOT}fixtures/conformance/cases.json`, 'utf8')) as ConformanceData;

test('the job loader evaluates expressions as HashiCorp HCL with cty does, on the reference\u2019s own answers', () => {
  const scope = contextScope(DATA.header.context);
  const failing: string[] = [];
  for (const c of DATA.cases) {
    if (!agrees(expectedOf(c), runCase(c.expr, scope))) failing.push(c.expr);
  }
  const passed = DATA.cases.length - failing.length;
  const rate = passed / DATA.cases.length;
  assert.ok(DATA.cases.length >= 3000, `a few thousand cases, not ${DATA.cases.length}`);
  assert.ok(rate >= 0.995, `${passed} of ${DATA.cases.length} cases agree (${(rate * 100).toFixed(2)} %), fewer than 99.5 %`);
  const unlisted = failing.filter((expr) => !DATA.cases.find((c) => c.expr === expr)!.exception);
  assert.deepEqual(unlisted, [], 'every case that disagrees is listed as an exception, with its reason');
  const stale = DATA.cases.filter((c) => c.exception && !failing.includes(c.expr)).map((c) => c.expr);
  assert.deepEqual(stale, [], 'every listed exception still disagrees');
});

test('every case answered differently by the newest Nomad than by the reference says why', () => {
  for (const c of DATA.cases) {
    if (c.newer) assert.ok(c.reason && c.reason.length > 20, `${c.expr}: a reason for the newer answer`);
    if (c.exception) assert.ok(c.exception.length > 20, `${c.expr}: a reason for the exception`);
  }
});
