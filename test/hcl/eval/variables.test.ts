import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EvaluateOptions } from '../../../src/hcl/eval/job-file.js';
import { attrs, messages, plain, run } from './helpers.js';

const files: Record<string, string> = {
  'a.hcl': 'tag = "from-a"\ncount = "7"\n',
  'b.hcl': 'tag = "from-b"\n',
  'vars.json': '{\n  "tag": "from-json",\n  "list": ["x", 2]\n}\n',
  'bad.hcl': 'count = "many"\nunknown = 1\n',
  'decl.hcl': 'variable "tag" {}\n',
  'count.json': '{\n  "count": "many", "tag": 5\n}',
  'broken.json': '{\n  "tag": "x",\n}\n',
};
const readFile = (p: string) => {
  const text = files[p];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
  return text;
};

const DECLS = `
variable "tag" {
  type    = string
  default = "from-default"
}
variable "count" {
  type    = number
  default = 1
}
`;

function values(opts: Partial<EvaluateOptions>, decls = DECLS) {
  const r = run(`${decls}\njob "j" {\n  tag = var.tag\n  count = var.count\n}\n`, { readFile, ...opts });
  return { diags: messages(r.diagnostics), values: attrs(r.job!.body), declared: r.variables };
}

describe('variable values', () => {
  it('take the default when nothing else is given', () => {
    assert.deepEqual(values({}).values, { tag: 'from-default', count: 1 });
  });

  it('apply NOMAD_VAR_ env < --var-file and --var in command-line order', () => {
    const env = { NOMAD_VAR_tag: 'from-env', NOMAD_VAR_count: '3', NOMAD_VAR_other: 'ignored' };
    assert.deepEqual(values({ env }).values, { tag: 'from-env', count: 3 });
    assert.deepEqual(values({ env, vars: [{ kind: 'var-file', path: 'a.hcl' }] }).values, { tag: 'from-a', count: 7 });
    assert.deepEqual(
      values({ env, vars: [{ kind: 'var', name: 'tag', value: 'from-var' }, { kind: 'var-file', path: 'b.hcl' }] }).values,
      { tag: 'from-b', count: 3 },
    );
    assert.deepEqual(
      values({ env, vars: [{ kind: 'var-file', path: 'b.hcl' }, { kind: 'var', name: 'tag', value: 'from-var' }] }).values,
      { tag: 'from-var', count: 3 },
    );
    assert.deepEqual(values({ vars: [{ kind: 'var-file', path: 'vars.json' }] }, DECLS + 'variable "list" {}\n').values, {
      tag: 'from-json',
      count: 1,
    });
  });

  it('parse --var and env values as HCL when the type is complex', () => {
    const decls = `
variable "tags" {
  type = list(string)
}
variable "ports" {
  type = map(number)
}
variable "plain" {
  type = string
}`;
    const r = run(`${decls}\njob "j" {\n  x = [var.tags, var.ports, var.plain]\n}\n`, {
      vars: [
        { kind: 'var', name: 'tags', value: '["a", "b"]' },
        { kind: 'var', name: 'plain', value: '["not", "parsed"]' },
      ],
      env: { NOMAD_VAR_ports: '{ http = "80" }' },
    });
    assert.deepEqual(messages(r.diagnostics), []);
    assert.deepEqual(attrs(r.job!.body), { x: [['a', 'b'], { http: 80 }, '["not", "parsed"]'] });
  });

  it('convert to the type of the default when no type is declared, its whole type as Nomad takes it', () => {
    const decls = 'variable "n" {\n  default = 2\n}\nvariable "flag" {\n  default = false\n}\nvariable "l" {\n  default = ["x"]\n}\n';
    const job = `${decls}\njob "j" {\n  x = [var.n + 1, var.flag, var.l]\n}\n`;
    const r = run(job, {
      vars: [
        { kind: 'var', name: 'n', value: '5' },
        { kind: 'var', name: 'flag', value: 'true' },
        { kind: 'var', name: 'l', value: '["y"]' },
      ],
    });
    assert.deepEqual(messages(r.diagnostics), []);
    assert.deepEqual(attrs(r.job!.body), { x: [6, true, ['y']] });
    // The default ["x"] makes the variable a tuple of one string, so Nomad refuses a list of another length.
    const longer = run(job, { vars: [{ kind: 'var', name: 'l', value: '["y", "z"]' }] });
    assert.deepEqual(messages(longer.diagnostics), [
      "Invalid value for variable; The value for l from --var is not compatible with the variable's type constraint: tuple required.",
    ]);
    // A bool is read as HCL, as Nomad reads it: a bare word is a reference, which a value cannot hold.
    const word = run(job, { vars: [{ kind: 'var', name: 'flag', value: 'yes' }] });
    assert.deepEqual(messages(word.diagnostics), ['<value for var.flag from arguments>:1:1: Variables not allowed; Variables may not be used here.']);
  });

  it('name the variable and where a value that does not fit came from', () => {
    assert.deepEqual(values({ vars: [{ kind: 'var', name: 'count', value: 'lots' }] }).diags, [
      "Invalid value for variable; The value for count from --var is not compatible with the variable's type constraint: a number is required.",
    ]);
    assert.deepEqual(values({ env: { NOMAD_VAR_count: 'x' } }).diags, [
      "Invalid value for variable; The value for count from the NOMAD_VAR_count environment variable is not compatible with the variable's type constraint: a number is required.",
    ]);
    assert.deepEqual(values({ vars: [{ kind: 'var-file', path: 'bad.hcl' }] }).diags, [
      "bad.hcl:1:9: Invalid value for variable; The value for count from --var-file bad.hcl is not compatible with the variable's type constraint: a number is required.",
      'bad.hcl:2:1: Undefined variable; A "unknown" variable was set in bad.hcl but is not declared in the job file. To declare it, add a variable "unknown" {} block to the job file.',
    ]);
  });

  it('point into JSON var files, and convert their values', () => {
    const r = values({ vars: [{ kind: 'var-file', path: 'count.json' }] });
    assert.deepEqual(r.diags, [
      "count.json:2:12: Invalid value for variable; The value for count from --var-file count.json is not compatible with the variable's type constraint: a number is required.",
    ]);
    assert.deepEqual(r.values, { tag: '5' });
    assert.deepEqual(values({ vars: [{ kind: 'var-file', path: 'broken.json' }] }).diags, [
      'broken.json:3:1: Invalid JSON; Expected a property name in double quotes.',
    ]);
  });

  it('report values supplied for undeclared variables, and unreadable or invalid var files', () => {
    assert.deepEqual(
      values({
        vars: [
          { kind: 'var', name: 'nope', value: '1' },
          { kind: 'var-file', path: 'missing.hcl' },
          { kind: 'var-file', path: 'decl.hcl' },
        ],
      }).diags,
      [
        'Undefined variable; A "nope" variable was passed with --var but is not declared in the job file. To declare it, add a variable "nope" {} block to the job file.',
        'Failed to read file; Cannot read the var file "missing.hcl": no such file.',
        'decl.hcl:1:1: Variable declaration in a .var file; A var file is used to assign values to variables that have already been declared in the job file, not to declare new variables. To declare variable "tag", place this block in the job file.\n\nTo set a value for this variable in decl.hcl, use the definition syntax instead:\n    tag = <value>',
      ],
    );
  });

  it('require a value for variables without a default, but accept default = null', () => {
    const r = run('variable "pot_tag" {}\nvariable "opt" {\n  default = null\n}\njob "j" {\n  tag = var.pot_tag\n  opt = var.opt\n}\n');
    assert.deepEqual(messages(r.diagnostics), [
      '1:1: Required variable "pot_tag" is not set; Set it with --var pot_tag=..., in a --var-file, or with the NOMAD_VAR_pot_tag environment variable.',
    ]);
    assert.deepEqual(attrs(r.job!.body), { opt: null });
  });

  it('describe the declared variables', () => {
    const r = run(`variable "tags" {
  type        = list(string)
  description = "Image tags."
  default     = ["a"]
  sensitive   = true
}
variables {
  region = "eu"
}
job "j" {}
`);
    assert.deepEqual(messages(r.diagnostics), []);
    assert.deepEqual(
      r.variables.map((v) => ({ ...v, range: `${v.range.start.line}:${v.range.start.column}`, value: plain(v.value), default: plain(v.default) })),
      [
        { name: 'tags', type: 'list(string)', description: 'Image tags.', sensitive: true, default: ['a'], value: ['a'], range: '1:1' },
        { name: 'region', default: 'eu', value: 'eu', range: '8:3' },
      ],
    );
  });

  it('refuse references in defaults and bad declarations', () => {
    const r = run(`variable "a" {
  default = var.b
}
variable "b" {
  type    = lisst(string)
  default = upper("x")
  color   = "red"
}
variable "c" {
  type    = number
  default = "x"
}
variable "a" {}
job "j" {}
`);
    assert.deepEqual(messages(r.diagnostics), [
      '2:13: Variables not allowed; Variables may not be used here.',
      '7:3: Unsupported argument; An argument named "color" is not expected here.',
      '5:13: Invalid type specification; Keyword "lisst" is not a valid type constructor.',
      '6:13: Function calls not allowed; Functions may not be called here.',
      "11:13: Invalid default value for variable; This default value is not compatible with the variable's type constraint: a number is required.",
      '13:10: Duplicate variable; Duplicate a variable definition found.',
    ]);
  });
});

describe('variable validation', () => {
  const decl = `variable "port" {
  type = number
  validation {
    condition     = var.port > 1024
    error_message = "The port must be above 1024."
  }
  validation {
    condition     = var.port % 2 == 0
    error_message = "The port must be even."
  }
}
job "j" {}
`;

  it('reports every failed rule with its message at its condition', () => {
    const r = run(decl, { vars: [{ kind: 'var', name: 'port', value: '81' }] });
    assert.deepEqual(messages(r.diagnostics), [
      '4:21: Invalid value for variable "port"; The port must be above 1024.\n\nThe value came from --var.',
      '8:21: Invalid value for variable "port"; The port must be even.\n\nThe value came from --var.',
    ]);
    assert.deepEqual(messages(run(decl, { env: { NOMAD_VAR_port: '8080' } }).diagnostics), []);
  });

  it('allows only references to the variable itself, and sentence-like messages', () => {
    const r = run(`variable "a" {
  default = 1
  validation {
    condition     = var.b > 0 && local.x
    error_message = "lowercase"
  }
  validation {
    condition     = true
    error_message = "Fine."
  }
}
job "j" {}
`);
    assert.deepEqual(messages(r.diagnostics), [
      '4:21: Invalid reference in variable validation; The condition for variable "a" can only refer to the variable itself, using var.a.',
      '4:34: Invalid reference in variable validation; The condition for variable "a" can only refer to the variable itself, using var.a.',
      '4:21: Invalid variable validation condition; The condition for variable "a" must refer to var.a in order to test incoming values.',
      '5:21: Invalid validation error message; Validation error message must be at least one full sentence starting with an uppercase letter ( if the alphabet permits it ) and ending with a period or question mark.',
      '8:21: Invalid variable validation condition; The condition for variable "a" must refer to var.a in order to test incoming values.',
    ]);
  });
});
