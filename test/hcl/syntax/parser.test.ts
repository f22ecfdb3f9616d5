import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Block, Body, BodyItem } from '../../../src/hcl/syntax/ast.js';
import { parseFile } from '../../../src/hcl/syntax/parser.js';
import { finder, rangeOf, spanning } from './helpers.js';
import { SEED_JOB } from './seed-job.js';

const FILE = 'job.nomad.hcl';

function parseOk(src: string): Body {
  const r = parseFile(FILE, src);
  assert.deepEqual(r.diagnostics, []);
  return r.file.body;
}

/** `type "label"` for blocks and `name` for attributes, nested, in source order. */
function outline(body: Body): unknown[] {
  return body.items.map((item: BodyItem) =>
    item.kind === 'Attribute'
      ? item.name
      : { [[item.type, ...item.labels.map((l) => JSON.stringify(l))].join(' ')]: outline(item.body) });
}

describe('bodies', () => {
  it('parse attributes and blocks with exact shapes and ranges', () => {
    const src = 'job "web" {\n  count = 2\n}\n';
    const r = parseFile(FILE, src);
    const at = finder(FILE, src);
    assert.deepEqual(r, {
      file: {
        filename: FILE,
        source: src,
        body: {
          kind: 'Body',
          items: [{
            kind: 'Block',
            type: 'job',
            typeRange: at('job'),
            labels: ['web'],
            labelRanges: [at('"web"')],
            body: {
              kind: 'Body',
              items: [{
                kind: 'Attribute',
                name: 'count',
                nameRange: at('count'),
                expr: { kind: 'Literal', value: 2, text: '2', range: at('2') },
                range: at('count = 2'),
              }],
              range: spanning(at('{'), at('}')),
            },
            range: spanning(at('job'), at('}')),
          }],
          range: rangeOf(FILE, src, 0, src.length),
        },
      },
      diagnostics: [],
    });
  });

  it('accept identifiers and quoted strings with escapes as labels', () => {
    const body = parseOk('variable pot_tag "a\\"b\\u00e9" {}\n');
    const block = body.items[0] as Block;
    assert.deepEqual(block.labels, ['pot_tag', 'a"bé']);
  });

  it('parse one-line blocks, empty or holding one argument', () => {
    const src = 'network {\n  port "http" {}\n  port "db" { static = 5432 }\n}\n';
    const body = parseOk(src);
    const at = finder(FILE, src);
    const network = body.items[0] as Block;
    const [http, db] = network.body.items as Block[];
    assert.deepEqual(http.body, { kind: 'Body', items: [], range: spanning(at('{}'), at('{}')) });
    assert.deepEqual(db.body, {
      kind: 'Body',
      items: [{
        kind: 'Attribute',
        name: 'static',
        nameRange: at('static'),
        expr: { kind: 'Literal', value: 5432, text: '5432', range: at('5432') },
        range: at('static = 5432'),
      }],
      range: at('{ static = 5432 }'),
    });
    assert.deepEqual(db.range, at('port "db" { static = 5432 }'));
  });

  it('skip all three comment styles; a line comment ends an attribute like a newline', () => {
    const src = '# hash\na = 1 # trailing\n// slashes\nb = /* inline */ 2 // trailing\n/* multi\nline */ c = 3\n';
    const body = parseOk(src);
    assert.deepEqual(body.items.map((i) => i.kind === 'Attribute' && [i.name, i.expr]), [
      ['a', { kind: 'Literal', value: 1, text: '1', range: finder(FILE, src)('1') }],
      ['b', { kind: 'Literal', value: 2, text: '2', range: finder(FILE, src)('2') }],
      ['c', { kind: 'Literal', value: 3, text: '3', range: finder(FILE, src)('3') }],
    ]);
  });

  it('keep duplicate blocks, in order', () => {
    const body = parseOk('task "t" {\n}\ntask "t" {\n  a = 1\n}\n');
    assert.deepEqual(outline(body), [{ 'task "t"': [] }, { 'task "t"': ['a'] }]);
  });

  it('allow an empty file, blank lines, CRLF line ends and a final line without newline', () => {
    assert.deepEqual(parseOk('').items, []);
    assert.deepEqual(outline(parseOk('\r\n\r\na = 1\r\nb {\r\n  c = "x"\r\n}\r\nd = 2')), ['a', { b: ['c'] }, 'd']);
  });

  it('ignore a byte order mark', () => {
    const src = '\ufeffa = 1\n';
    const body = parseOk(src);
    assert.deepEqual(body.items[0].range, {
      filename: FILE,
      start: { line: 1, column: 1, offset: 1 },
      end: { line: 1, column: 6, offset: 6 },
    });
  });

  it('end an attribute range at the end of a multi-line value', () => {
    const src = 'args = [\n  "-g",\n  "daemon off;",\n]\nx = 1\n';
    const body = parseOk(src);
    assert.deepEqual(body.items[0].range, rangeOf(FILE, src, 0, src.indexOf(']') + 1));
  });
});

describe('the seed job', () => {
  const seed = SEED_JOB;

  it('parses without diagnostics, keeping every item in declaration order', () => {
    assert.ok(seed.startsWith('job "example" {'));
    assert.deepEqual(outline(parseOk(seed)), [{
      'job "example"': [
        'datacenters',
        'type',
        {
          'group "group1"': [
            'count',
            {
              'task "www1"': [
                'driver',
                { service: ['tags', 'name', 'port', { check: ['type', 'name', 'interval', 'timeout'] }] },
                { config: ['image', 'pot', 'tag', 'command', 'args', 'copy', 'mount', 'port_map'] },
                { resources: ['cpu', 'memory', { network: ['mbits', { 'port "http"': [] }] }] },
              ],
            },
          ],
        },
      ],
    }]);
  });

  it('gives positions that point at the source text', () => {
    const body = parseOk(seed);
    const at = finder(FILE, seed);
    const job = body.items[0] as Block;
    const group = job.body.items[2] as Block;
    const task = group.body.items[1] as Block;
    const config = task.body.items[2] as Block;
    assert.deepEqual(task.typeRange, at('task'));
    assert.deepEqual(task.labelRanges, [at('"www1"')]);
    assert.deepEqual(config.typeRange, at('config'));
    const portMap = config.body.items[7];
    assert.ok(portMap.kind === 'Attribute' && portMap.expr.kind === 'Object');
    assert.deepEqual(portMap.range, spanning(at('port_map'), at('}', 2)));
    assert.deepEqual(portMap.expr.items.map((i) => [i.bareKey, i.key.range, i.value.range]), [
      [true, rangeOf(FILE, seed, seed.indexOf('http = "80"'), seed.indexOf('http = "80"') + 4), at('"80"')],
    ]);
  });
});
