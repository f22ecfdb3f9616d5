import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf, rulesOf } from './helpers.js';

/** A job whose group holds `block` (from line 3) and one task. */
function inGroup(block: string, type = 'service'): string {
  return `job "j" {\n  type = "${type}"\n${block}\n  group "g" {\n    task "t" {\n      driver = "pot"\n    }\n  }\n}\n`.replace(`${block}\n  group "g" {\n`, `  group "g" {\n${block}\n`);
}

describe('constraints', () => {
  it('take the operator from the last shorthand set, and "=" when none is', () => {
    assert.deepEqual(errorsOf(inGroup('    constraint {\n      attribute = "${attr.kernel.name}"\n      value     = "freebsd"\n    }')), []);
    assert.deepEqual(errorsOf(inGroup('    constraint {\n      attribute = "${attr.nomad.version}"\n      version   = ">= 1.6"\n      regexp    = "["\n    }')), [
      'error 7:19 Regular expression failed to compile: error parsing regexp: missing closing ]: `[`',
    ]);
  });

  it('refuse regular expressions Go cannot compile, in Go\'s words', () => {
    const re = (p: string) => errorsOf(inGroup(`    constraint {\n      attribute = "\${attr.kernel.name}"\n      regexp    = "${p}"\n    }`));
    assert.deepEqual(re('^free(bsd|BSD)$'), []);
    assert.deepEqual(re('a(b'), ['error 6:19 Regular expression failed to compile: error parsing regexp: missing closing ): `a(b`']);
    assert.deepEqual(re('a)b'), ['error 6:19 Regular expression failed to compile: error parsing regexp: unexpected ): `a)b`']);
    assert.deepEqual(re('x[a-'), ['error 6:19 Regular expression failed to compile: error parsing regexp: missing closing ]: `[a-`']);
    assert.deepEqual(re('[[:alpha:]]+'), []);
  });

  it('ignore set_contains_all, set_contains_any, is_set and is_not_set written as shorthands, as Nomad\'s decoder does', () => {
    assert.deepEqual(errorsOf(inGroup('    constraint {\n      attribute        = "${meta.tags}"\n      set_contains_any = "a,b"\n    }')), [
      'error 4:5 Operator "=" requires an RTarget',
    ]);
  });

  it('accept distinct_hosts and distinct_property in groups, not in tasks', () => {
    assert.deepEqual(errorsOf(inGroup('    constraint {\n      distinct_hosts = true\n    }\n    constraint {\n      distinct_property = "${meta.rack}"\n      value             = "2"\n    }')), []);
  });

  it('write the malformed-version error as go-version did for the targeted Nomad', () => {
    const source = inGroup('    constraint {\n      attribute = "${attr.nomad.version}"\n      version   = "latest"\n    }');
    assert.deepEqual(errorsOf(source), ['error 6:19 Version constraint is invalid: malformed constraint: latest']);
    assert.deepEqual(errorsOf(source, '1.11.0'), ['error 6:19 Version constraint is invalid: Malformed constraint: latest']);
  });

  it('check the attribute\'s interpolation from Nomad 1.11.2 on, with the older message for a missing one before', () => {
    const unsupported = inGroup('    constraint {\n      attribute = "${env.HOME}"\n      value     = "/root"\n    }');
    assert.deepEqual(errorsOf(unsupported), ['error 5:19 unsupported attribute "${env.HOME}"']);
    assert.deepEqual(errorsOf(unsupported, '1.11.1'), []);
    const missing = inGroup('    constraint {\n      value = "x"\n    }');
    assert.deepEqual(errorsOf(missing), ['error 4:5 no attribute provided but is required by operator']);
    assert.deepEqual(errorsOf(missing, '1.10.5'), ['error 4:5 No LTarget provided but is required by constraint']);
    assert.deepEqual(errorsOf(inGroup('    constraint {\n      attribute = "${node.pool}"\n      value     = "default"\n    }')), []);
  });
});

describe('affinities', () => {
  it('keep the weight as a Go int8, so that out-of-range numbers wrap around', () => {
    const weighted = (w: number) => inGroup(`    affinity {\n      attribute = "\${node.datacenter}"\n      value     = "dc1"\n      weight    = ${w}\n    }`);
    assert.deepEqual(errorsOf(weighted(-100)), []);
    assert.deepEqual(errorsOf(weighted(101)), ['error 7:19 Affinity weight must be within the range [-100,100]']);
    // 256 wraps to 0, 200 to -56.
    assert.deepEqual(errorsOf(weighted(256)), ['error 7:19 Affinity weight cannot be zero']);
    assert.deepEqual(errorsOf(weighted(200)), []);
    assert.deepEqual(errorsOf(weighted(0.5)), ['error 7:19 Affinity weight cannot be zero']);
  });

  it('are refused in system jobs, at every level', () => {
    const source = `job "j" {\n  type = "system"\n  group "g" {\n    task "t" {\n      driver = "pot"\n      affinity {\n        attribute = "\${node.class}"\n        value     = "x"\n      }\n    }\n  }\n}\n`;
    assert.deepEqual(errorsOf(source), ['error 6:7 System jobs may not have an affinity block']);
  });
});

describe('spreads', () => {
  it('default the weight to 50 and add up the targets\' percentages', () => {
    assert.deepEqual(rulesOf(inGroup('    spread {\n      attribute = "${node.datacenter}"\n      target "dc1" {\n        percent = 60\n      }\n      target "dc2" {\n        percent = 40\n      }\n    }')), []);
  });
});
