import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nomadTaskNameProblem } from '../../../src/hcl/job/validate-job.js';

describe('nomadTaskNameProblem', () => {
  it('refuses only what Nomad refuses for every driver: "/" and "\\"', () => {
    assert.equal(nomadTaskNameProblem('a/b'), 'Task names may not contain "/" or "\\"; "a/b" does.');
    assert.equal(nomadTaskNameProblem('a\\b'), 'Task names may not contain "/" or "\\"; "a\\b" does.');
    // The pot driver refuses these itself (src/driver/pot-name.ts); other drivers may take them.
    for (const name of ['web', 'a b', '-F', 'a\u0000b']) assert.equal(nomadTaskNameProblem(name), undefined, name);
  });
});
