import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../../src/hcl/source.js';
import { parseExpression, parseFile } from '../../../src/hcl/syntax/parser.js';

/** `summary @line:col-line:col | detail`, one string per diagnostic, so that failures show all three at once. */
function render(diags: Diagnostic[]): string[] {
  return diags.map((d) => {
    const r = d.range;
    const where = r ? `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}` : '-';
    return `${d.summary} @${where} | ${d.detail ?? ''}`;
  });
}

function fileDiags(src: string): string[] {
  const r = parseFile('t.hcl', src);
  for (const d of r.diagnostics) {
    assert.equal(d.severity, 'error');
    assert.equal(d.range?.filename, 't.hcl');
  }
  return render(r.diagnostics);
}

const MULTI_LINE =
  'Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.';
const NO_CLOSING_MARKER = 'No closing marker was found for the string.';
const NEWLINE_AFTER_ARG = 'An argument definition must end with a newline.';
const INVALID_EXPR = 'Expected the start of an expression, but found an invalid expression token.';
const UNBALANCED = 'The control directives within this template are unbalanced.';

/** [what, source, expected diagnostics]; each case pins every diagnostic the source produces. */
const FILE_CASES: Array<[string, string, string[]]> = [
  ['a tuple missing a comma', 'a = [\n  "x",\n  "y"\n  "z"\n]\n', [
    'Missing item separator @4:3-4:4 | Expected a comma to mark the beginning of the next item.',
  ]],
  ['a list missing its closing bracket', 'job "x" {\n  args = ["-g", "daemon off;"\n  command = "nginx"\n}\n', [
    'Missing item separator @3:3-3:10 | Expected a comma to mark the beginning of the next item.',
  ]],
  ['a quoted string split over lines', 'a = "abc\n', [
    `Invalid multi-line string @1:9-2:1 | ${MULTI_LINE}`,
    `Unterminated template string @1:9-2:1 | ${NO_CLOSING_MARKER}`,
  ]],
  ['an unterminated string inside a block (the string runs on to the next quote)', 'job "x" {\n  a = "abc\n  b = "def"\n}\n', [
    `Invalid multi-line string @2:11-3:1 | ${MULTI_LINE}`,
    `Invalid multi-line string @3:12-4:1 | ${MULTI_LINE}`,
    `Invalid multi-line string @4:2-5:1 | ${MULTI_LINE}`,
    `Unterminated template string @2:11-3:1 | ${NO_CLOSING_MARKER}`,
  ]],
  ['an unterminated string at the end of the file', 'a = "abc', [
    `Unterminated template string @1:9-1:9 | ${NO_CLOSING_MARKER}`,
  ]],
  ['a heredoc whose marker has no newline after it', 'a = <<EOF\nhi\nEOF', [
    `Unterminated template string @3:4-3:4 | ${NO_CLOSING_MARKER}`,
  ]],
  ['an attribute set twice', 'a = 1\na = 2\n', [
    'Attribute redefined @2:1-2:2 | The argument "a" was already set at t.hcl:1,1-2. Each argument may be set only once.',
  ]],
  ['an interpolation in a block label', 'job "web-${var.env}" {\n}\n', [
    'Invalid string literal @1:10-1:12 | Template sequences are not allowed in this string. To include a literal "$", double it (as "$$") to escape it.',
  ]],
  ['a directive in a block label', 'job "web-%{x}" {\n}\n', [
    'Invalid string literal @1:10-1:12 | Template sequences are not allowed in this string. To include a literal "%", double it (as "%%") to escape it.',
  ]],
  ['a label running into the end of the file', 'job "abc', [
    'Unterminated string literal @1:9-1:9 | Unable to find the closing quote mark before the end of the file.',
    'Invalid block definition @1:9-1:9 | Either a quoted string block label or an opening brace ("{") is expected here.',
  ]],
  ['a stray closing brace', '}\n', [
    'Argument or block definition required @1:1-1:2 | An argument or block definition is required here.',
  ]],
  ['a bare name', 'name\n', [
    'Argument or block definition required @1:1-1:5 | An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.',
  ]],
  ['a number at the top level', '123', [
    'Argument or block definition required @1:1-1:4 | An argument or block definition is required here.',
  ]],
  ['a quoted argument name', '"a" = 1\n', [
    'Invalid argument name @1:1-1:2 | Argument names must not be quoted.',
  ]],
  ['a missing closing brace', 'job "x" {\n  group "g" {\n  }\n', [
    'Unclosed configuration block @1:9-1:10 | There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
  ]],
  ['a semicolon', 'a = 1; b = 2\n', [
    'Invalid character @1:6-1:7 | The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
    `Missing newline after argument @1:6-1:7 | ${NEWLINE_AFTER_ARG}`,
  ]],
  ['backticks', 'a = `x`\n', [
    'Invalid character @1:5-1:6 | The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".',
    `Invalid expression @1:5-1:6 | ${INVALID_EXPR}`,
  ]],
  ['single quotes', "a = 'x'\n", [
    'Invalid character @1:5-1:6 | Single quotes are not valid. Use double quotes (") to enclose strings.',
    `Invalid expression @1:5-1:6 | ${INVALID_EXPR}`,
  ]],
  ['a dollar outside a string', 'a = $x\n', [
    'Invalid character @1:5-1:6 | This character is not used within the language.',
    `Invalid expression @1:5-1:6 | ${INVALID_EXPR}`,
  ]],
  ['a bitwise operator', 'a = b & c\n', [
    'Unsupported operator @1:7-1:8 | Bitwise operators are not supported. Did you mean boolean AND ("&&")?',
    `Missing newline after argument @1:7-1:8 | ${NEWLINE_AFTER_ARG}`,
  ]],
  ['two arguments on one line', 'a = 1 b = 2\n', [
    `Missing newline after argument @1:7-1:8 | ${NEWLINE_AFTER_ARG}`,
  ]],
  ['arguments separated by a comma', 'a = 1, b = 2\n', [
    `Unexpected comma after argument @1:6-1:7 | Argument definitions must be separated by newlines, not commas. ${NEWLINE_AFTER_ARG}`,
  ]],
  ['a closing parenthesis as a value', 'a = )\n', [
    `Invalid expression @1:5-1:6 | ${INVALID_EXPR}`,
  ]],
  ['a value missing at the end of the file', 'a =', [
    'Missing expression @1:4-1:4 | Expected the start of an expression, but found the end of the file.',
  ]],
  ['an object key without a value', 'a = { b c }\n', [
    'Missing key/value separator @1:9-1:10 | Expected an equals sign ("=") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.',
  ]],
  ['an object key followed by a number', 'a = { "k" 1 }\n', [
    'Missing key/value separator @1:11-1:12 | Expected an equals sign ("=") to mark the beginning of the attribute value.',
  ]],
  ['an object key followed by a comma', 'a = { k, j = 1 }\n', [
    'Missing attribute value @1:8-1:9 | Expected an attribute value, introduced by an equals sign ("=").',
  ]],
  ['two object items on one line without a comma', 'a = { k = 1 j = 2 }\n', [
    'Missing attribute separator @1:13-1:14 | Expected a newline or comma to mark the beginning of the next attribute.',
  ]],
  ['an unterminated object', 'a = { k = 1', [
    'Unterminated object constructor expression @1:5-1:6 | There is no corresponding closing brace before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
  ]],
  ['an unterminated tuple', 'a = [1, 2', [
    'Unterminated tuple constructor expression @1:5-1:6 | There is no corresponding closing bracket before the end of the file. This may be caused by incorrect bracket nesting elsewhere in this file.',
  ]],
  ['a malformed number', 'a = 1..2\n', [
    'Invalid number literal @1:5-1:9 | Failed to recognize the value of this number literal.',
  ]],
  ['chained legacy indexes', 'a = b.0.1\n', [
    'Invalid legacy index syntax @1:7-1:10 | When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [0][1].',
  ]],
  ['a dot without a name', 'a = b.\nc = 1\n', [
    'Invalid attribute name @1:7-2:1 | An attribute name is required after a dot.',
  ]],
  ['an unclosed index', 'a = b[1 2]\n', [
    'Missing close bracket on index @1:9-1:10 | The index operator must end with a closing bracket ("]").',
  ]],
  ['an unclosed splat', 'a = x[*', [
    'Missing close bracket on splat index @1:8-1:8 | The star for a full splat operator must be immediately followed by a closing bracket ("]").',
  ]],
  ['a splat inside an attribute-only splat', 'a = x.*.*\n', [
    'Nested splat expression not allowed @1:9-1:10 | A splat expression (*) cannot be used inside another attribute-only splat expression.',
  ]],
  ['function arguments without a comma', 'a = f(1 2)\n', [
    'Missing argument separator @1:9-1:10 | A comma is required to separate each function argument from the next.',
  ]],
  ['an unterminated function call', 'a = f(1', [
    'Unterminated function call @1:5-1:7 | There is no closing parenthesis for this function call before the end of the file. This may be caused by incorrect parenthesis nesting elsewhere in this file.',
  ]],
  ['an argument after an expansion', 'a = f(x... y)\n', [
    'Missing closing parenthesis @1:8-1:11 | An expanded function argument (with ...) must be immediately followed by closing parentheses.',
  ]],
  ['a namespace without a function name', 'a = ns::1()\n', [
    'Missing function name @1:9-1:10 | Function scope resolution symbol :: must be followed by a function name in this scope.',
  ]],
  ['a namespaced name without a call', 'a = ns::f\n', [
    'Missing open parenthesis @1:10-2:1 | Function selector must be followed by an open parenthesis to begin the function call.',
  ]],
  ['unbalanced parentheses', 'a = (1 2)\n', [
    'Unbalanced parentheses @1:8-1:9 | Expected a closing parenthesis to terminate the expression.',
  ]],
  ['a conditional without a false branch', 'a = b ? c\n', [
    'Missing false expression in conditional @1:10-2:1 | The conditional operator (...?...:...) requires a false expression, delimited by a colon.',
  ]],
  ['a for without a colon', 'a = [for x in y]\n', [
    "Invalid 'for' expression @1:16-1:17 | For expression requires a colon after the collection expression.",
  ]],
  ['a for without a variable', 'a = [for in y: x]\n', [
    "Invalid 'for' expression @1:13-1:14 | For expression requires the 'in' keyword after its name declarations.",
  ]],
  ['a tuple for with a key', 'a = [for x in y: x => x]\n', [
    "Invalid 'for' expression @1:18-1:19 | Key expression is not valid when building a tuple.",
  ]],
  ['an object for without a key', 'a = {for x in y: x}\n', [
    "Invalid 'for' expression @1:18-1:19 | Key expression is required when building an object.",
  ]],
  ['a tuple for with grouping', 'a = [for x in y: x...]\n', [
    "Invalid 'for' expression @1:19-1:22 | Grouping ellipsis (...) cannot be used when building a tuple.",
  ]],
  ['extra tokens in a for', 'a = [for x in y: x z]\n', [
    "Invalid 'for' expression @1:20-1:21 | Extra characters after the end of the 'for' expression.",
  ]],
  ['an interpolation running into the end of the file', 'a = "${x', [
    'Unclosed template interpolation sequence @1:6-1:8 | There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.',
  ]],
  ['an interpolation with extra tokens', 'a = "${b c}"\n', [
    'Extra characters after interpolation expression @1:10-1:11 | Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$${" instead of just "${".',
  ]],
  ['an interpolation with a colon', 'a = "${b:c}"\n', [
    'Extra characters after interpolation expression @1:9-1:10 | Template interpolation doesn\'t expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$${" instead of just "${".',
  ]],
  ['an if directive without endif', 'a = "%{if x}y"\n', [
    'Unexpected end of template @1:14-1:15 | The if directive at t.hcl:1,6-13 is missing its corresponding endif directive.',
  ]],
  ['a for directive without endfor', 'a = "%{for x in y}z"\n', [
    'Unexpected end of template @1:20-1:21 | The for directive at t.hcl:1,6-19 is missing its corresponding endfor directive.',
  ]],
  ['an endif without if', 'a = "%{ endif }"\n', [
    `Unexpected endif directive @1:6-1:16 | ${UNBALANCED}`,
  ]],
  ['a second else', 'a = "%{ if x }%{ else }%{ else }%{ endif }"\n', [
    'Unexpected else directive @1:24-1:33 | Already in the else clause for the if started at t.hcl:1,6-15.',
    `Unexpected endif directive @1:33-1:43 | ${UNBALANCED}`,
  ]],
  ['an endif closing a for', 'a = "%{ for x in y }%{ endif }"\n', [
    'Unexpected endif directive @1:21-1:31 | Expecting an endfor directive corresponding to the for directive at t.hcl:1,6-21.',
  ]],
  ['a misspelt directive keyword', 'a = "%{fro x in y}y%{endfor}"\n', [
    'Invalid template control keyword @1:8-1:11 | "fro" is not a valid template control keyword. Did you mean "for"?',
    `Unexpected endfor directive @1:20-1:29 | ${UNBALANCED}`,
  ]],
  ['a directive without keyword', 'a = "%{ 1 }"\n', [
    'Invalid template directive @1:9-1:10 | A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.',
  ]],
  ['extra tokens in a directive', 'a = "%{ if x y }%{ endif }"\n', [
    'Extra characters in if marker @1:14-1:15 | Expected a closing brace to end the sequence, but found extra characters.',
  ]],
  ['bad escapes', 'a = "\\q \\u12 \\uD800"\n', [
    'Invalid escape sequence @1:6-1:8 | The symbol "q" is not a valid escape sequence selector.',
    'Invalid escape sequence @1:9-1:13 | The \\u escape sequence must be followed by four hexadecimal digits.',
    'Invalid escape sequence @1:14-1:20 | Cannot encode character U+d800 in UTF-8.',
  ]],
  ['an equals sign after a block label', 'b "x" = {}\n', [
    'Invalid block definition @1:7-1:8 | The equals sign "=" indicates an argument definition, and must not be used when defining a block.',
  ]],
  ['a block label followed by a newline', 'b "x"\n{\n}\n', [
    'Invalid block definition @1:6-2:1 | A block definition must have block content delimited by "{" and "}", starting on the same line as the block header.',
  ]],
  ['two arguments in a one-line block', 'a { b = 1, c = 2 }\n', [
    'Invalid single-argument block definition @1:10-1:11 | Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.',
  ]],
  ['a one-line block closed on the next line', 'b { c = 1\n}\n', [
    "Invalid single-argument block definition @1:10-2:1 | An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
  ]],
  ['a nested block in a one-line block', 'b { c d }\n', [
    'Argument definition required @1:5-1:8 | A single-line block definition can contain only a single argument. If you meant to define argument "c", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.',
  ]],
  ['something after a closing brace', 'b {} c = 1\n', [
    'Missing newline after block definition @1:6-1:7 | A block definition must end with a newline.',
  ]],
];

describe('diagnostics', () => {
  for (const [what, src, expected] of FILE_CASES) {
    it(`reports ${what}`, () => {
      assert.deepEqual(fileDiags(src), expected);
    });
  }

  it('report only the first 1000 problems, then say that there were more', () => {
    const r = parseFile('t.hcl', 'a = 1\n'.repeat(1500));
    assert.equal(r.diagnostics.length, 1001);
    assert.deepEqual(render(r.diagnostics.slice(-2)), [
      'Attribute redefined @1001:1-1001:2 | The argument "a" was already set at t.hcl:1,1-2. Each argument may be set only once.',
      'Too many errors @1002:1-1002:2 | Only the first 1000 problems in this file are reported.',
    ]);
  });

  it('keep a best-effort tree next to the errors', () => {
    const r = parseFile('t.hcl', 'job "x" {\n  a = [1 2]\n  b = 2\n}\n');
    assert.equal(r.diagnostics.length, 1);
    const job = r.file.body.items[0];
    assert.ok(job.kind === 'Block');
    assert.deepEqual(job.body.items.map((i) => i.kind === 'Attribute' && i.name), ['a', 'b']);
  });
});

describe('expression diagnostics', () => {
  it('report extra characters after a standalone expression', () => {
    assert.deepEqual(render(parseExpression('t.hcl', '1 2').diagnostics), [
      'Extra characters after expression @1:3-1:4 | An expression was successfully parsed, but extra characters were found after it.',
    ]);
  });

  it('report an empty expression', () => {
    const r = parseExpression('t.hcl', '');
    assert.deepEqual(render(r.diagnostics), [
      'Missing expression @1:1-1:1 | Expected the start of an expression, but found the end of the file.',
    ]);
    assert.deepEqual(r.expr, { kind: 'Literal', value: null, range: { filename: 't.hcl', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } });
  });

  it('report an unterminated heredoc', () => {
    assert.deepEqual(render(parseExpression('t.hcl', '<<EOF\nx\n').diagnostics), [
      `Unterminated template string @3:1-3:1 | ${NO_CLOSING_MARKER}`,
    ]);
  });
});
