import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Expr, TemplateExpr, TemplatePart } from '../../../src/hcl/syntax/ast.js';
import { parseExpression, parseFile } from '../../../src/hcl/syntax/parser.js';
import { finder, rangeOf, spanning } from './helpers.js';

const FILE = 't.hcl';

function template(src: string): { expr: TemplateExpr; at: ReturnType<typeof finder> } {
  const r = parseExpression(FILE, src);
  assert.deepEqual(r.diagnostics, []);
  assert.ok(r.expr && r.expr.kind === 'Template');
  return { expr: r.expr, at: finder(FILE, src) };
}

/** The parts with ranges removed, for tests about values rather than positions. */
function shape(parts: TemplatePart[]): unknown[] {
  const strip = (e: Expr): unknown => JSON.parse(JSON.stringify(e, (k, v) => (k === 'range' || k === 'nameRange' ? undefined : v)));
  return parts.map((p) => strip(p as unknown as Expr));
}

describe('quoted strings', () => {
  it('are templates holding one literal, ranged inside the quotes', () => {
    const { expr, at } = template('"hello"');
    assert.deepEqual(expr, {
      kind: 'Template',
      parts: [{ kind: 'TemplateLiteral', value: 'hello', range: at('hello') }],
      heredoc: false,
      range: at('"hello"'),
    });
  });

  it('give an empty string one empty literal right after the opening quote', () => {
    const { expr } = template('""');
    assert.deepEqual(expr.parts, [{ kind: 'TemplateLiteral', value: '', range: rangeOf(FILE, '""', 1, 1) }]);
  });

  it('decode backslash escapes', () => {
    const { expr } = template(String.raw`"a\nb\rc\td\"e\\f\u00e9\U0001F600"`);
    assert.deepEqual(shape(expr.parts), [{ kind: 'TemplateLiteral', value: 'a\nb\rc\td"e\\fé😀' }]);
  });

  it('turn $${ and %%{ into literal ${ and %{, never into interpolations', () => {
    const { expr } = template('"echo $${HOME} %%{ if } $$x $x 100%"');
    assert.deepEqual(shape(expr.parts), [{ kind: 'TemplateLiteral', value: 'echo ${HOME} %{ if } $$x $x 100%' }]);
  });

  it('split around interpolations', () => {
    const src = '"web-${var.env}-${NOMAD_ALLOC_ID}"';
    const { expr, at } = template(src);
    assert.deepEqual(expr, {
      kind: 'Template',
      parts: [
        { kind: 'TemplateLiteral', value: 'web-', range: at('web-') },
        {
          kind: 'TemplateInterp',
          expr: { kind: 'GetAttr', object: { kind: 'Variable', name: 'var', range: at('var') }, name: 'env', range: at('var.env') },
          range: at('${var.env}'),
        },
        { kind: 'TemplateLiteral', value: '-', range: at('-', 1) },
        { kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'NOMAD_ALLOC_ID', range: at('NOMAD_ALLOC_ID') }, range: at('${NOMAD_ALLOC_ID}') },
      ],
      heredoc: false,
      range: at(src),
    });
  });

  it('allow nested strings and newlines inside an interpolation', () => {
    const { expr } = template('"${join(",", [\n  "a",\n])}"');
    assert.equal(expr.parts.length, 1);
    assert.equal(expr.parts[0].kind, 'TemplateInterp');
  });
});

describe('directives', () => {
  it('parse if/else/endif with their ranges', () => {
    const src = '"%{ if x }yes%{ else }no%{ endif }"';
    const { expr, at } = template(src);
    assert.deepEqual(expr.parts, [
      {
        kind: 'TemplateIf',
        condition: { kind: 'Variable', name: 'x', range: at('x') },
        then: [{ kind: 'TemplateLiteral', value: 'yes', range: at('yes') }],
        else: [{ kind: 'TemplateLiteral', value: 'no', range: at('no') }],
        range: at('%{ if x }yes%{ else }no%{ endif }'),
      },
    ]);
  });

  it('parse if without else as an empty else', () => {
    const { expr } = template('"%{if a}A%{endif}"');
    assert.deepEqual(shape(expr.parts), [
      { kind: 'TemplateIf', condition: { kind: 'Variable', name: 'a' }, then: [{ kind: 'TemplateLiteral', value: 'A' }], else: [] },
    ]);
  });

  it('parse for with one or two variables', () => {
    const src = '"%{ for k, v in m }${k}=${v};%{ endfor }"';
    const { expr, at } = template(src);
    assert.deepEqual(expr.parts, [
      {
        kind: 'TemplateFor',
        keyVar: 'k',
        valueVar: 'v',
        collection: { kind: 'Variable', name: 'm', range: at('m') },
        body: [
          { kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'k', range: at('k', 1) }, range: at('${k}') },
          { kind: 'TemplateLiteral', value: '=', range: at('=') },
          { kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'v', range: at('v', 1) }, range: at('${v}') },
          { kind: 'TemplateLiteral', value: ';', range: at(';') },
        ],
        range: at('%{ for k, v in m }${k}=${v};%{ endfor }'),
      },
    ]);
    assert.deepEqual(shape(template('"%{for x in xs}${x}%{endfor}"').expr.parts), [
      {
        kind: 'TemplateFor',
        valueVar: 'x',
        collection: { kind: 'Variable', name: 'xs' },
        body: [{ kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'x' } }],
      },
    ]);
  });

  it('nest', () => {
    const { expr } = template('"%{for x in xs}%{if x}[${x}]%{endif}%{endfor}"');
    assert.deepEqual(shape(expr.parts), [
      {
        kind: 'TemplateFor',
        valueVar: 'x',
        collection: { kind: 'Variable', name: 'xs' },
        body: [{
          kind: 'TemplateIf',
          condition: { kind: 'Variable', name: 'x' },
          then: [
            { kind: 'TemplateLiteral', value: '[' },
            { kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'x' } },
            { kind: 'TemplateLiteral', value: ']' },
          ],
          else: [],
        }],
      },
    ]);
  });
});

describe('strip markers', () => {
  it('remove whitespace next to ${~ and ~}', () => {
    assert.deepEqual(shape(template('"a  ${~ b ~}  c"').expr.parts), [
      { kind: 'TemplateLiteral', value: 'a' },
      { kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'b' } },
      { kind: 'TemplateLiteral', value: 'c' },
    ]);
  });

  it('work on directives', () => {
    assert.deepEqual(shape(template('"%{ if x ~}  yes  %{~ else ~}  no  %{~ endif }"').expr.parts), [
      { kind: 'TemplateIf', condition: { kind: 'Variable', name: 'x' }, then: [{ kind: 'TemplateLiteral', value: 'yes' }], else: [{ kind: 'TemplateLiteral', value: 'no' }] },
    ]);
  });

  it('in heredocs reach only to the end of their own line, as in HCL', () => {
    const { expr } = template('<<EOT\n%{ if x ~}\n  yes\n%{~ endif ~}\n.\nEOT\n');
    assert.deepEqual(shape(expr.parts), [
      { kind: 'TemplateIf', condition: { kind: 'Variable', name: 'x' }, then: [{ kind: 'TemplateLiteral', value: '  yes' }], else: [] },
      { kind: 'TemplateLiteral', value: '.\n' },
    ]);
  });

  it('leave values produced by interpolations alone', () => {
    assert.deepEqual(shape(template('"${"a " ~} ${" b"}"').expr.parts), [
      { kind: 'TemplateInterp', expr: { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value: 'a ' }], heredoc: false } },
      { kind: 'TemplateLiteral', value: '' },
      { kind: 'TemplateInterp', expr: { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value: ' b' }], heredoc: false } },
    ]);
  });
});

describe('heredocs', () => {
  it('keep the text verbatim with its trailing newline, without backslash escapes', () => {
    const src = '<<EOF\n  line \\n one\n  ${x}\nEOF\n';
    const { expr, at } = template(src);
    assert.deepEqual(expr, {
      kind: 'Template',
      parts: [
        { kind: 'TemplateLiteral', value: '  line \\n one\n  ', range: at('  line \\n one\n  ') },
        { kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'x', range: at('x') }, range: at('${x}') },
        { kind: 'TemplateLiteral', value: '\n', range: rangeOf(FILE, src, src.indexOf('}') + 1, src.indexOf('}') + 2) },
      ],
      heredoc: true,
      range: spanning(at('<<EOF'), at('EOF', 1)),
    });
  });

  it('apply $${ and %%{ escapes', () => {
    const { expr } = template('<<EOF\n{{ env "X" }} $${NOT_INTERPOLATED} %%{ x }\nEOF\n');
    assert.deepEqual(shape(expr.parts), [{ kind: 'TemplateLiteral', value: '{{ env "X" }} ${NOT_INTERPOLATED} %{ x }\n' }]);
  });

  it('close on a marker line with surrounding spaces only', () => {
    const { expr } = template('<<EOF\nEOFX\n EOF \n');
    assert.deepEqual(shape(expr.parts), [{ kind: 'TemplateLiteral', value: 'EOFX\n' }]);
  });

  it('can be empty', () => {
    const { expr } = template('<<EOF\nEOF\n');
    assert.deepEqual(shape(expr.parts), [{ kind: 'TemplateLiteral', value: '' }]);
  });

  it('accept CRLF line ends', () => {
    const { expr } = template('<<EOF\r\nwin\r\nEOF\r\n');
    assert.deepEqual(shape(expr.parts), [{ kind: 'TemplateLiteral', value: 'win\r\n' }]);
  });

  it('with <<- remove the smallest indentation, ignoring blank lines, and move literal ranges past it', () => {
    const src = '<<-EOT\n    a\n\n      b\n    EOT\n';
    const { expr } = template(src);
    const start = src.indexOf('a');
    assert.deepEqual(expr.parts, [
      { kind: 'TemplateLiteral', value: 'a\n\n  b\n', range: rangeOf(FILE, src, start, src.indexOf('EOT', 8) - 4) },
    ]);
  });

  it('with <<- count a line starting with an interpolation as unindented', () => {
    assert.deepEqual(shape(template('<<-EOT\n    a\n${x}\n    EOT\n').expr.parts), [
      { kind: 'TemplateLiteral', value: '    a\n' },
      { kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'x' } },
      { kind: 'TemplateLiteral', value: '\n' },
    ]);
    assert.deepEqual(shape(template('<<-EOT\n    a\n  ${x} b\n    EOT\n').expr.parts), [
      { kind: 'TemplateLiteral', value: '  a\n' },
      { kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'x' } },
      { kind: 'TemplateLiteral', value: ' b\n' },
    ]);
  });

  it('with <<- treat tabs as indentation characters', () => {
    assert.deepEqual(shape(template('<<-EOT\n\ta\n\t\tb\n\tEOT\n').expr.parts), [{ kind: 'TemplateLiteral', value: 'a\n\tb\n' }]);
  });

  it('end an attribute at the newline after the closing marker', () => {
    const src = 'job "x" {\n  data = <<EOH\nport = {{ env "NOMAD_PORT_http" }}\nEOH\n  b = 1\n}\n';
    const r = parseFile(FILE, src);
    assert.deepEqual(r.diagnostics, []);
    const job = r.file.body.items[0];
    assert.ok(job.kind === 'Block');
    const [data, b] = job.body.items;
    assert.ok(data.kind === 'Attribute' && b.kind === 'Attribute');
    const at = finder(FILE, src);
    assert.deepEqual(data.range, spanning(at('data'), at('EOH', 1)));
    assert.equal(b.name, 'b');
  });

  it('nest inside interpolations', () => {
    const { expr } = template('<<A\n${<<B\ninner\nB\n}\nA\n');
    assert.deepEqual(shape(expr.parts), [
      { kind: 'TemplateInterp', expr: { kind: 'Template', parts: [{ kind: 'TemplateLiteral', value: 'inner\n' }], heredoc: true } },
      { kind: 'TemplateLiteral', value: '\n' },
    ]);
  });
});
