import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GoTemplateError } from '../../src/nomad/gotemplate/errors.js';
import { renderGoTemplate, type GoTemplateOptions } from '../../src/nomad/gotemplate/render.js';

const env = { NOMAD_ALLOC_ID: '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f', HOSTS: 'a.example, b.example ,c.example', EMPTY: '', NAME: 'web' };
const NOW = new Date(Date.UTC(2026, 10, 29, 8, 5, 3, 120));

function render(text: string, opts: Partial<GoTemplateOptions> = {}): string {
  return renderGoTemplate(text, { env, now: () => NOW, ...opts });
}

function fails(text: string, message: string, opts: Partial<GoTemplateOptions> = {}): void {
  assert.throws(
    () => render(text, opts),
    (e: unknown) => e instanceof GoTemplateError && e.message === message,
  );
}

describe('renderGoTemplate: syntax', () => {
  it('keeps text and prints action values', () => {
    assert.equal(render('id={{ env "NOMAD_ALLOC_ID" }}\n'), 'id=7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f\n');
    assert.equal(render('{{ "a" }}{{ 42 }}{{ true }}{{ print nil }}'), 'a42true<nil>');
    assert.equal(render('{{ . }}'), '<no value>');
  });

  it('trims whitespace next to {{- and -}}', () => {
    assert.equal(render('a \n\t {{- "b" -}} \n c'), 'abc');
    assert.equal(render('a {{- "b" }} c'), 'ab c');
    assert.equal(render('a {{-3}} c'), 'a -3 c');
  });

  it('drops comments, with and without trim markers', () => {
    assert.equal(render('x{{/* a comment */}}y'), 'xy');
    assert.equal(render('x \n{{- /* multi\nline */ -}}\n y'), 'xy');
  });

  it('honours other delimiters and leaves the default ones as text', () => {
    assert.equal(render('[[ env "NAME" ]] {{ not parsed }}', { delimiters: { left: '[[', right: ']]' } }), 'web {{ not parsed }}');
    assert.equal(render('<%- env "NAME" -%> x', { delimiters: { left: '<%', right: '%>' } }), 'webx');
  });

  it('decodes string, raw string, rune and number literals', () => {
    assert.equal(render('{{ "tab\\there\\u00e9\\x41" }}|{{ `raw\\n` }}|{{ \'a\' }}|{{ 0x1F }}|{{ 1_000 }}|{{ 017 }}|{{ -2.5 }}'), 'tab\there\u00e9A|raw\\n|97|31|1000|15|-2.5');
  });

  it('applies the text hook to literal text only', () => {
    assert.equal(render('${X} {{ "${X}" }}', { text: (s) => s.replace('${X}', 'x') }), 'x ${X}');
  });
});

describe('renderGoTemplate: control structures', () => {
  it('runs if / else if / else', () => {
    const t = '{{ if eq (env "NAME") "api" }}api{{ else if eq (env "NAME") "web" }}web{{ else }}other{{ end }}';
    assert.equal(render(t), 'web');
    assert.equal(render(t, { env: { NAME: 'api' } }), 'api');
    assert.equal(render(t, { env: {} }), 'other');
    assert.equal(render('{{ if env "EMPTY" }}set{{ else }}unset{{ end }}'), 'unset');
  });

  it('ranges over split lists with index and element variables, and else when empty', () => {
    assert.equal(render('{{ range $i, $h := split "," (env "HOSTS") }}{{ $i }}:{{ $h | trimSpace }};{{ end }}'), '0:a.example;1:b.example;2:c.example;');
    assert.equal(render('{{ range split "," (env "HOSTS") }}[{{ . }}]{{ end }}'), '[a.example][ b.example ][c.example]');
    assert.equal(render('{{ range split "," (env "EMPTY") }}x{{ else }}none{{ end }}'), 'none');
    assert.equal(render('{{ range 3 }}{{ . }}{{ end }}'), '012');
  });

  it('supports break and continue inside range', () => {
    assert.equal(render('{{ range $i := 6 }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ if eq $i 4 }}{{ break }}{{ end }}{{ $i }}{{ end }}'), '023');
  });

  it('sets the dot with with', () => {
    assert.equal(render('{{ with env "NAME" }}name={{ . }}{{ else }}none{{ end }}'), 'name=web');
    assert.equal(render('{{ with env "EMPTY" }}x{{ else }}none{{ end }}'), 'none');
  });

  it('scopes variables to their block and lets = update an outer one', () => {
    assert.equal(render('{{ $x := "a" }}{{ if true }}{{ $x = "b" }}{{ $y := 1 }}{{ end }}{{ $x }}'), 'b');
    fails('{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}', '1:39: undefined variable "$y"');
  });

  it('defines and calls named templates', () => {
    assert.equal(render('{{ define "item" }}<{{ . }}>{{ end }}{{ template "item" "a" }}{{ template "item" env "NAME" }}'), '<a><web>');
    assert.equal(render('{{ block "b" "x" }}[{{ . }}]{{ end }}'), '[x]');
  });
});

describe('renderGoTemplate: functions', () => {
  it('has the string helpers in consul-template argument order', () => {
    assert.equal(render('{{ env "NAME" | toUpper }} {{ "ABC" | toLower }} {{ trimSpace "  x  " }} {{ toTitle "hello big world" }}'), 'WEB abc x Hello Big World');
    assert.equal(render('{{ "a-b-c" | replaceAll "-" "+" }} {{ split "," "x,y" | join ";" }} {{ "v1.2" | trimPrefix "v" }}'), 'a+b+c x;y 1.2');
  });

  it('formats with printf like Go', () => {
    assert.equal(render('{{ printf "%s=%d %5.2f|%-4s|%04d|%x|%q|%v|%t|%%" "n" 7 3.14159 "ab" 42 255 "a\\"b" 1.5 true }}'), 'n=7  3.14|ab  |0042|ff|"a\\"b"|1.5|true|%');
    assert.equal(render('{{ printf "%d %d" 1 }}'), '1 %!d(MISSING)');
    assert.equal(render('{{ printf "%d" "x" }}'), '%!d(string=x)');
    assert.equal(render('{{ printf "%s" "a" 2 }}'), 'a%!(EXTRA int=2)');
    assert.equal(render('{{ printf "%e %g %g" 123456.0 0.00001234 1234567.0 }}'), '1.234560e+05 1.234e-05 1.234567e+06');
  });

  it('prints timestamps from the given clock', () => {
    assert.equal(render('{{ timestamp }}'), '2026-11-29T08:05:03Z');
    assert.equal(render('{{ timestamp "unix" }}'), String(Math.floor(NOW.getTime() / 1000)));
    assert.equal(render('{{ timestamp "Mon Jan _2 15:04:05.000 2006 MST" }}'), 'Sun Nov 29 08:05:03.120 2026 UTC');
    assert.equal(render('{{ timestamp "02/01/06 03:04PM -0700" }}'), '29/11/26 08:05AM +0000');
  });

  it('has Go builtins: comparisons, logic, len, index, print', () => {
    assert.equal(render('{{ and 1 0 2 }} {{ or 0 "" "z" }} {{ not 0 }} {{ eq 1 2 1 }} {{ ne "a" "b" }} {{ lt 1 2 }} {{ ge "b" "a" }}'), '0 z true true true true true');
    assert.equal(render('{{ len "héllo" }} {{ len (split "," "a,b") }} {{ index (split "," "a,b") 1 }}'), '6 2 b');
    assert.equal(render('{{ print 1 2 "a" "b" 3 }}|{{ println "x" 1 }}'), '1 2ab3|x 1\n');
    assert.equal(render('{{ html "<a href=\'x\'>" }} {{ urlquery "a b&c" }}'), '&lt;a href=&#39;x&#39;&gt; a+b%26c');
  });

  it('evaluates and/or lazily', () => {
    assert.equal(render('{{ or "x" (index (split "," "a") 5) }}'), 'x');
  });

  it('has env defaults, parsing, JSON and math helpers', () => {
    assert.equal(render('{{ envOrDefault "MISSING" "d" }} {{ envOrDefault "NAME" "d" }} {{ env "MISSING" }}.'), 'd web .');
    assert.equal(render('{{ parseInt "42" | add 1 }} {{ 5 | subtract 2 }} {{ multiply 3 4 }} {{ 7 | divide 2 }} {{ 7 | modulo 4 }}'), '43 3 12 3 3');
    assert.equal(render('{{ with parseJSON `{"b":[1,2],"a":"x"}` }}{{ .a }} {{ index .b 1 }} {{ toJSON . }}{{ end }}'), 'x 2 {"a":"x","b":[1,2]}');
    assert.equal(render('{{ base64Encode "hi" }} {{ base64Decode "aGk=" }} {{ parseBool "true" }}'), 'aGk= hi true');
  });
});

describe('renderGoTemplate: errors', () => {
  it('names functions that need Consul, Vault or Nomad', () => {
    fails('a\n  {{ key "app/config" }}', '2:6: function "key" needs Consul, and pot-nomad run has no Consul, Vault or Nomad API');
    fails('{{ with secret "kv/data/x" }}{{ end }}', '1:9: function "secret" needs Vault, and pot-nomad run has no Consul, Vault or Nomad API');
    fails('{{ range nomadService "db" }}{{ end }}', '1:10: function "nomadService" needs Nomad, and pot-nomad run has no Consul, Vault or Nomad API');
    fails('{{ if false }}{{ keyOrDefault "k" "d" }}{{ end }}', '1:18: function "keyOrDefault" needs Consul, and pot-nomad run has no Consul, Vault or Nomad API');
  });

  it('reports syntax errors with their position', () => {
    fails('{{ nope }}', '1:4: function "nope" not defined');
    fails('{{ if true }}x', '1:4: unexpected EOF: {{if}} has no {{end}}');
    fails('x\n{{ end }}', '2:4: unexpected {{end}}');
    fails('{{ "unterminated }}', '1:4: unterminated quoted string');
    fails('{{ env "A"', '1:1: unclosed action');
    fails('{{/* never closed }}', '1:1: unclosed comment');
    fails('{{ break }}', '1:4: {{break}} outside {{range}}');
    fails('{{ 3x }}', '1:4: bad number syntax: "3x"');
    fails('{{ $x }}', '1:4: undefined variable "$x"');
    fails('{{ "a" | "b" }}', '1:10: non executable command in pipeline stage 2');
  });

  it('reports run-time errors with their position', () => {
    fails('{{ toUpper 1 }}', '1:4: wrong type for value; expected string; got int');
    fails('{{ split "," }}', '1:4: wrong number of args for split: want 2 got 1');
    fails('{{ printf }}', '1:4: wrong number of args for printf: want at least 1 got 0');
    fails('\n\n   {{ index (split "," "a") 3 }}', '3:7: error calling index: index out of range: 3');
    fails('{{ parseInt "x1" }}', '1:4: error calling parseInt: strconv.ParseInt: parsing "x1": invalid syntax');
    fails('{{ .Missing }}', '1:4: nil data; no entry for key "Missing"');
    fails('{{ range "abc" }}{{ end }}', '1:10: range can\'t iterate over abc');
    fails('{{ eq 1 "1" }}', '1:4: error calling eq: incompatible types for comparison');
  });
});
