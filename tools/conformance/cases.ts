/**
 * The expressions of the conformance data: hand-picked edge cases and cases generated with a fixed seed over
 * every operator, every function of Nomad's table and every kind of value. The context values are given as
 * HCL expressions, so the reference and the job loader build them the same way, as `local.<name>`.
 */
import { seededRandom } from '../../test/fuzz/random.js';

export interface Case {
  id: string;
  expr: string;
}

/** local.<name> = <expression>, in order (later ones may use earlier ones). */
export const CONTEXT: [string, string][] = [
  ['s', '"hello"'],
  ['e', '""'],
  ['ws', '"  padded\\t\\n"'],
  ['uni', '"caf\\u00e9 \\u00df \\u01c6 \\u0130 \\u10d0"'],
  ['n', '42'],
  ['f', '3.25'],
  ['neg', '-7'],
  ['big', '9007199254740993'],
  ['tiny', '0.000001'],
  ['t', 'true'],
  ['fl', 'false'],
  ['nul', 'null'],
  ['len3', 'length([1, 2, 3])'],
  ['third', 'length([1]) / length([1, 2, 3])'],
  ['l', 'convert(["a", "b", "c"], list(string))'],
  ['ln', 'convert([3, 1, 2], list(number))'],
  ['st', 'convert(["b", "a", "c", "a"], set(string))'],
  ['sn', 'convert([3, 1, 2, 10], set(number))'],
  ['m', 'convert({ a = "x", b = "y" }, map(string))'],
  ['mn', 'convert({ a = 1, b = 2 }, map(number))'],
  ['o', '{ name = "web", port = 8080, tags = ["a", "b"], enabled = true }'],
  ['tup', '[1, "two", true, null]'],
  ['lo', 'convert([{ a = 1, b = "x" }, { a = 2, b = "y" }], list(object({ a = number, b = string })))'],
  ['nested', '{ x = { y = [1, { z = "deep" }] } }'],
  ['el', 'convert([], list(string))'],
  ['em', 'convert({}, map(string))'],
  ['et', '[]'],
  ['eo', '{}'],
  ['ns', 'convert(null, string)'],
  ['nl', 'convert(null, list(string))'],
  ['lol', 'convert([["a"], ["b", "c"]], list(list(string)))'],
  ['mixed', '{ a = 1, b = "2", c = true }'],
];

const HAND_PICKED: string[] = [
  // Numbers: cty's precision and text.
  '0.1 + 0.2', '1e21', '9007199254740993', '9007199254740993 + 1', '1e400', '-1e400', '1 / 0', '-1 / 0', '0 / 0', '-0', '-0 + -0',
  '1 / 3', '2 / 3', '1 / 3 * 3', '0.1 * 3', '10 / 4', '7 % 3', '-7 % 3', '7.5 % 2', '5 % 0', '5 % -0', '1 % (1 / 0)', '(1 / 0) % 2',
  '0 * (1 / 0)', '(1 / 0) - (1 / 0)', '(1/0) + (1/0)', '123456789012345678901234567890 * 10', '1e-7', '0.000001', '1.5e300 * 1.5e300',
  'local.third', 'local.len3 / 7', 'local.third * 3', 'local.big - 1', '2 * local.big', '1e21 == 1000000000000000000000',
  '0.1 + 0.2 == 0.3', '1 / 3 == 0.333333333333333333333333333333333', '9007199254740993 == 9007199254740992', '-0 == 0',
  '"${0.1 + 0.2}"', '"${1e21}"', '"${1/0}"', '"${-0}"', '"${local.third}"', '"${1e400}"',
  'format("%v", 1e21)', 'format("%v", 0.1 + 0.2)', 'format("%d", 9007199254740993)', 'format("%X", 123456789012345678901234567890)',
  'format("%5.1f", 2.25)', 'format("%.0f", 0.5)', 'format("%.0f", 1.5)', 'format("%e", 1234.5678)', 'format("%g", 0.00001234)',
  'format("%.3g", 1234567)', 'format("%08.3f", -3.14159)', 'format("%+d", 5)', 'format("% d", 5)', 'format("%x", -255)', 'format("%#x", 255)',
  'format("%#o", 8)', 'format("%b", 5)', 'format("%.3d", 7)', 'format("%-5d|", 7)', 'format("%05d", -42)', 'format("%.0d", 0)',
  'format("%f", 1/0)', 'format("%5.2f", -1/0)', 'format("%d", 1.5)', 'format("%*d", 5, 1)', 'format("%s", "a", "b")', 'format("x", 1)',
  'format("%[2]s %[1]s", "a", "b")', 'format("%[3]s", "a")', 'format("%", 1)', 'format("%5", 1)', 'format("%!", 1)', 'format("%[0]d", 1)',
  'format("%q", "a\\"b<c>")', 'format("%10s|", "héllo")', 'format("%-10s|", "x")', 'format("%.2s", "héllo")', 'format("%010s", "x")',
  'format("%v", [1, "a"])', 'format("%#v", "x")', 'format("%v", null)', 'format("%s", null)', 'format("%t", "true")', 'format("%y", 1)',
  'format("%d %d", 1)', 'format("%%")', 'format("%v", { b = 1, a = [true] })', 'format("%.1f", 0.05)', 'format("%.1f", 0.15)', 'format("%.1f", 0.25)',
  'formatlist("%s-%s", ["a", "b"], "x")', 'formatlist("%s", [])', 'formatlist("%s-%s", ["a"], ["b", "c"])', 'formatlist("x")', 'formatlist("%d", [1, "a"])',
  // Strings: NFC, escapes.
  '"e\\u0301"', '"e\\u0301" == "\\u00e9"', 'length("e\\u0301")', 'strlen("e\\u0301")', '{ "e\\u0301" = 1 }', 'keys({ "e\\u0301" = 1, "\\u00e9" = 2 })',
  '"${"e"}${"\\u0301"}"', 'upper("e\\u0301")', '"\\U0001F600"', '"a\\tb\\nc"', '"$${x}"', '"%%{x}"', '"\\\\"', '"\\""',
  // Null.
  '"${null}"', '"a${null}"', 'null', '[null]', '{ a = null }', 'null == null', 'null != 1', '[null] == [null]', 'lookup(local.m, "zz", null)',
  'coalesce(null, "a")', 'coalesce(null, null)', 'coalesce(null, true, [])', 'coalesce(1, "2")', 'coalesce("", "a")', 'coalescelist(null, ["a"])',
  'coalescelist([], ["a"])', 'coalescelist([], [])', 'coalescelist(["a"], [1])', 'length(null)', 'upper(null)', 'null + 1', '!null',
  // Types: conditionals, unification.
  'true ? 1 : {}', 'true ? [1] : ["a"]', 'false ? [1] : ["a"]', 'true ? 1 : "a"', 'true ? null : 1', 'true ? 1 : null', 'true ? [1] : null',
  'true ? { a = 1 } : { b = 2 }', 'true ? { a = 1 } : { a = "x" }', 'true ? [1, 2] : [3]', 'true ? local.l : ["x"]', 'true ? local.l : [1]',
  'true ? local.st : local.l', 'true ? local.m : { c = "z" }', 'true ? local.m : { c = 1 }', 'true ? local.mn : local.m', 'true ? [] : local.l',
  'true ? local.o : local.mixed', 'null ? 1 : 2', '"true" ? 1 : 2', '"yes" ? 1 : 2', '1 ? 1 : 2', 'true ? local.nul : 1', 'false ? 1 / 0 : 2',
  'true ? 1 : local.missing', 'length({ a = 1 })', 'length(local.o)', 'length(local.m)', 'length(local.st)', 'length("abc")', 'length(local.et)',
  'tolist([1]) == [1]', 'convert([1], list(number)) == [1]', 'local.l == ["a", "b", "c"]', 'local.l == convert(["a", "b", "c"], list(string))',
  'local.st == convert(["a", "b", "c"], set(string))', '{ a = 1 } == { a = 1 }', 'local.m == { a = "x", b = "y" }', '[1, "a"] == [1, "a"]',
  'local.st[0]', '[for x in local.st : x]', '[for k, v in local.st : k]', 'index(local.o, "name")', 'index(local.l, 1)', 'index(local.tup, 1)',
  'index(local.m, "a")', 'index(local.m, "q")', 'index(local.tup, 9)',
  // Logic operators: both sides, bools only.
  '"true" || 0', 'true || 1 / 0 == 1', 'false && local.missing', 'true && "true"', 'true && "yes"', '1 && true', 'false || null',
  '!"true"', '!1', 'true && null', '"false" && true',
  // regex_replace: RE2.
  'regex_replace("aaa", "a*", "-")', 'regex_replace("aa", "a{2}", "b")', 'regex_replace("αβγ", "\\\\p{Greek}", "g")', 'regex_replace("a", "(?=a)", "b")',
  'regex_replace("aa", "(a)\\\\1", "b")', 'regex_replace("a\\u00a0b", "\\\\s", "_")', 'regex_replace("abc", "(?P<x>b)", "[$x]")', 'regex_replace("abc", "b", "$$")',
  'regex_replace("abc", "", "-")', 'regex_replace("abc", "(", "-")', 'regex_replace("abc", "b", "${1}")', 'regex_replace("hello world", "o", "0")',
  'regex_replace("a1b22", "[0-9]+", "<$0>")', 'regex_replace("ABC", "(?i)b", "x")', 'regex_replace("x", "\\\\101", "y")', 'regex_replace("Ax", "\\\\101", "y")',
  'regex_replace("a.b", "\\\\Q.\\\\E", "!")', 'regex_replace("abc", "[[:alpha:]]", "1")', 'regex_replace("abc", "a**", "1")', 'regex_replace("abc", "x{1001}", "1")',
  // replace is literal in Nomad.
  'replace("a/b/c", "/b/", "x")', 'replace("abc", "/b/", "x")', 'replace("aaa", "a", "b")', 'replace("abc", "", "-")', 'replace("", "", "-")',
  // Case mapping as Go's.
  'title("ǆ hello")', 'lower("İ")', 'upper("ß")', 'upper("ǆ")', 'title("ა")', 'upper("ა")', 'title("hello_world foo-bar")', 'lower("ᾈ")', 'upper("ᾀ")',
  'title("ﬀ")', 'upper("ﬀ")', 'lower("ÀÉÎ")',
  // substr, indent, coalesce edge cases.
  'substr("hello", -1, 0)', 'substr("hello", -2, 1)', 'substr("hello", 1, 0)', 'substr("hello", 0, -1)', 'substr("hello", 10, 1)', 'substr("hello", 5, 1)',
  'substr("hello", -10, 2)', 'substr("héllo", 1, 2)', 'substr("hello", 1.5, 1)', 'indent(-1, "a\\nb")', 'indent(2, "a\\nb\\n")', 'indent(0, "a\\nb")',
  // jsondecode.
  'jsondecode("{\\"a\\": 1, \\"a\\": 2}")', 'jsondecode("{\\"a\\": 1, \\"a\\": \\"x\\"}")', 'jsondecode("\\"\\\\ud800\\"")', 'jsondecode("[1, \\"a\\", null]")',
  'jsondecode("1e400")', 'jsondecode("0.1")', 'jsondecode("")', 'jsondecode("{")', 'jsondecode("[1,]")', 'jsondecode("1 2")', 'jsondecode("nul")',
  'jsondecode("{\\"a\\":{\\"b\\":[true]}}")', 'jsonencode("<&>")', 'jsonencode("\\b\\f")', 'jsonencode(1/0)', 'jsonencode(null)', 'jsonencode(local.st)',
  'jsonencode(local.o)', 'jsonencode(0.1 + 0.2)', 'jsonencode(-0)', 'jsonencode("\\u2028")',
  // element and friends.
  'element(local.l, -1)', 'element(local.l, 4)', 'element(local.tup, -1)', 'element([], 0)', 'element(local.l, 1.5)', 'element(local.st, 0)',
  'range(0, 5, 0)', 'range(5, 5, 0)', 'range(5, 1, 0)', 'range(1, 2, 0.3)', 'range(3)', 'range(-3)', 'range(0)', 'range(1, 4)', 'range(4, 1)',
  'range(0, 1, 0.1)', 'range(2000)', 'range(1, 2, 3, 4)', 'range()',
  // Splats and traversals.
  'local.lo[*].a', 'local.lo.*.b', 'local.o[*]', 'local.nul[*]', 'local.nl[*]', 'local.tup[*]', 'local.el[*].x', '[for x in local.lo : x.a]',
  'local.l[0]', 'local.l["1"]', 'local.l[1.5]', 'local.l[-1]', 'local.l[3]', 'local.el[0]', 'local.m["a"]', 'local.m.a', 'local.m.zz', 'local.m["zz"]',
  'local.o.name', 'local.o["port"]', 'local.o.missing', 'local.o[0]', 'local.tup[3]', 'local.s.x', 'local.lo.a', 'local.st.a', 'local.nul.a', 'local.nul[0]',
  'local.l[null]', 'local.n[0]', 'local.nested.x.y[1].z', 'local.nested["x"]["y"][0]',
  // For expressions.
  '[for x in local.l : upper(x)]', '{ for k, v in local.m : v => k }', '{ for x in ["a", "b", "a"] : x => x... }', '{ for x in ["a", "a"] : x => 1 }',
  '[for x in local.ln : x if x > 1]', '[for x in [] : x if 1]', '[for x in [1] : x if "maybe"]', '[for x in [1] : x if null]', '[for x in local.nul : x]',
  '[for x in "abc" : x]', '{ for k, v in local.o : k => v }', '[for i, v in local.l : "${i}=${v}"]', '{ for x in [1, 2] : x => x }',
  '{ for x in [null] : x => 1 }', '{ for x in [[1]] : x => 1 }', '[for k, v in local.sn : k + v]', '{ for s in local.st : s => upper(s) }',
  // Templates.
  '"%{ for x in local.l }${x},%{ endfor }"', '"%{ if local.t }yes%{ else }no%{ endif }"', '"%{ if null }a%{ endif }"', '"%{ if "x" }a%{ endif }"',
  '"%{ for x in [1, null] }${x}%{ endfor }"', '"${local.l}"', '"${local.o}"', '"a ${true} ${1.5}"', '"%{ for k, v in local.m }${k}=${v} %{ endfor }"',
  '"%{ if local.t ~}\\n  yes\\n%{~ endif }"', '"${~ " x " ~}"',
  // convert.
  'convert("5", number)', 'convert("x", number)', 'convert("1", bool)', 'convert("True", bool)', 'convert(5, bool)', 'convert(true, string)',
  'convert([1, "a"], list(string))', 'convert([1, true], list(string))', 'convert([1, [2]], list(number))', 'convert({ a = 1 }, map(string))',
  'convert({ a = 1, b = [1] }, map(string))', 'convert({ a = 1 }, object({ a = string }))', 'convert({ a = 1 }, object({ a = string, b = number }))',
  'convert({ a = 1 }, object({ a = string, b = optional(number) }))', 'convert(local.m, object({ a = string }))', 'convert(local.m, object({ c = string }))',
  'convert(["a", "a"], set(string))', 'convert(local.st, list(string))', 'convert(local.l, set(string))', 'convert(null, number)', 'convert(1, any)',
  'convert([1, "a"], tuple([string, string]))', 'convert([1], tuple([string, string]))', 'convert([1, "a"], list(any))', 'convert([1, [2]], list(any))',
  'convert({ a = 1, b = "x" }, map(any))', 'convert({ a = [1], b = ["x"] }, map(any))', 'convert([[1], ["a"]], list(any))', 'convert(1, list(string))',
  'convert([], set(number))', 'convert({}, map(bool))', 'convert(1, object({}))', 'convert("x", nosuch)', 'convert(1, list)', 'convert(1, optional(string))',
  'convert(1, string, 2)', 'convert(1)', 'convert(1, any(string))',
  // Unknown and removed functions.
  'tostring(1)', 'tolist([1])', 'toset([1])', 'tomap({})', 'tonumber("1")', 'tobool("true")', 'timestamp()', 'uper("a")', 'fileescaped("x")',
  // try and can.
  'try(local.missing, "fallback")', 'try(1 / 0, 2)', 'try(local.o.missing, local.o.name)', 'try()', 'try(local.missing)', 'can(local.o.name)',
  'can(local.o.missing)', 'can(1, 2)', 'can()', 'try(null, 1)', 'can(null)',
  // Function call mechanics.
  'max(local.ln...)', 'max([]...)', 'max(null...)', 'max("1"...)', 'concat(local.l, ["d"])', 'concat(local.l, [1])', 'concat([1], ["a"])',
  'concat()', 'concat("a")', 'upper()', 'upper("a", "b")', 'upper([1])', 'join(",", local.l, local.l)', 'join(",")', 'join(",", [null])',
  'join(",", ["a"], [null])', 'merge(local.m, { c = 1 })', 'merge(local.m, local.mn)', 'merge()', 'merge(null, null)', 'merge(local.m, null)',
  'merge({ a = 1 }, { a = "x" })', 'merge(1)', 'lookup(local.m, "a")', 'lookup(local.m, "q", "d")', 'lookup(local.o, "name", "d")',
  'lookup(local.o, "zz", 1)', 'lookup(local.m, "q", 1)', 'lookup(local.m, "q", [1])', 'lookup(local.l, "q", 1)',
];

type Pool = string[];

const NUMBERS: Pool = ['0', '1', '-1', '2', '3', '7', '10', '0.5', '1.5', '2.25', '0.1', '-3.75', '1e21', '1e-7', '1e100', '255', '1000000',
  'local.n', 'local.f', 'local.neg', 'local.big', 'local.len3', 'local.third', '1 / 3', '-0', '123456789.123456789'];
const STRINGS: Pool = ['"hello"', '""', '"a,b,c"', '"Hello World"', '"  spaced  "', '"1"', '"1.5"', '"-2"', '"true"', '"false"', '"abc"',
  '"héllo wörld"', '"a\\nb"', '"x-y_z.w"', '"10.0.0.0/8"', '"192.168.1.0/24"', '"2001:db8::/32"', '"ǆ İ ß"', '"%d"', '"%s"', '"${"a"}b"',
  'local.s', 'local.e', 'local.ws', 'local.uni', '"日本語テキスト"', '"e\\u0301"', '"A1b2C3"', '"{\\"k\\": [1, 2]}"', '"a: 1\\nb: [x, y]\\n"'];
const BOOLS: Pool = ['true', 'false', 'local.t', 'local.fl', '"true"', '1 == 1'];
const COLLECTIONS: Pool = ['local.l', 'local.ln', 'local.st', 'local.sn', 'local.m', 'local.mn', 'local.o', 'local.tup', 'local.lo', 'local.nested',
  'local.el', 'local.em', 'local.et', 'local.eo', 'local.nl', 'local.lol', 'local.mixed', '["a", "b"]', '[1, 2, 3]', '[1, "a"]', '[[1, 2], [3]]',
  '{ a = 1 }', '{ a = "x", b = "y" }', '{ k = [1] }', '["b", "a", "b"]', '[true, false]', '[null, "a"]', '["a", "", "b"]', 'range(5)'];
const OTHERS: Pool = ['null', 'local.nul', 'local.ns'];
const ALL: Pool = [...NUMBERS, ...STRINGS, ...BOOLS, ...COLLECTIONS, ...OTHERS];

/** What each function of Nomad's table is called with: one pool per parameter, `...` marking a variadic tail. */
const FUNCTION_ARGS: Record<string, (Pool | '...')[]> = {
  abs: [NUMBERS], ceil: [NUMBERS], floor: [NUMBERS], signum: [NUMBERS], log: [NUMBERS, NUMBERS], pow: [NUMBERS, NUMBERS],
  max: [NUMBERS, '...'], min: [NUMBERS, '...'], parseint: [[...STRINGS, '"ff"', '"-1010"', '"zZ"', '"0x10"', '"12_3"'], ['2', '10', '16', '36', '62', '1', '63', '8']],
  upper: [STRINGS], lower: [STRINGS], title: [STRINGS], strrev: [STRINGS], reverse: [STRINGS], strlen: [STRINGS], chomp: [[...STRINGS, '"a\\n\\n"', '"a\\r\\n"', '"a\\n\\r"']],
  trimspace: [STRINGS], trim: [STRINGS, ['"a"', '" "', '"lo"', '""', '"h"']], trimprefix: [STRINGS, ['"he"', '"a"', '""']],
  trimsuffix: [STRINGS, ['"lo"', '"c"', '""']], substr: [STRINGS, ['0', '1', '2', '-1', '-3', '10'], ['0', '1', '2', '3', '-1', '100']],
  indent: [['0', '2', '4'], STRINGS], split: [['","', '""', '" "', '"l"', '"-"'], STRINGS], join: [['","', '""', '"-"'], COLLECTIONS, '...'],
  replace: [STRINGS, ['"l"', '"a"', '""', '","', '"o"'], ['"L"', '""', '"--"', '"$1"']],
  regex_replace: [STRINGS, ['"[aeiou]"', '"^h"', '"l+"', '"(\\\\w)(\\\\w)"', '"$"', '"\\\\s+"', '"[[:upper:]]"', '"."', '""', '"\\\\d"', '"(?i)H"'], ['"_"', '"$1"', '"${2}${1}"', '""', '"$$"']],
  format: [['"%s"', '"%d"', '"%v"', '"%5s|"', '"%-8v|"', '"%.2f"', '"%x"', '"%t"', '"%q"', '"%e"', '"%g"', '"[%s] [%v]"', '"%s %s"', '"%#v"'], ALL, '...'],
  formatlist: [['"%s"', '"%s=%s"', '"%v"', '"%d"'], ALL, '...'],
  concat: [COLLECTIONS, '...'], contains: [COLLECTIONS, ALL], distinct: [COLLECTIONS], element: [COLLECTIONS, ['0', '1', '2', '-1', '5', '1.5']],
  flatten: [COLLECTIONS], index: [COLLECTIONS, [...NUMBERS.slice(0, 5), '"a"', '"name"', '"x"']], length: [ALL], keys: [COLLECTIONS], values: [COLLECTIONS],
  lookup: [COLLECTIONS, ['"a"', '"b"', '"name"', '"zz"'], ALL], merge: [COLLECTIONS, '...'], range: [['0', '1', '3', '-2', '5'], '...'],
  slice: [COLLECTIONS, ['0', '1', '2', '-1'], ['0', '1', '2', '3', '5']], sort: [COLLECTIONS], chunklist: [COLLECTIONS, ['0', '1', '2', '-1', '1.5']],
  compact: [COLLECTIONS], zipmap: [[...COLLECTIONS, '["x", "y"]'], COLLECTIONS], coalesce: [ALL, '...'], coalescelist: [COLLECTIONS, '...'],
  setunion: [COLLECTIONS, '...'], setintersection: [COLLECTIONS, '...'], setproduct: [COLLECTIONS, COLLECTIONS, '...'],
  base64encode: [STRINGS], base64decode: [[...STRINGS, '"aGVsbG8="', '"aGVsbG8"', '"/w=="', '"YQ==\\n"']], urlencode: [STRINGS],
  jsonencode: [ALL], jsondecode: [[...STRINGS, '"[1, 2]"', '"{\\"a\\": null}"', '"true"', '"1.50"', '"\\"x\\""']],
  csvdecode: [['"a,b\\n1,2\\n"', '"a,b\\n1\\n"', '"a,a\\n1,2"', '""', '"x\\n\\"q\\"\\n"', '"h\\n\\"bad"', '"k\\r\\nv\\r\\n"']],
  yamlencode: [ALL], yamldecode: [[...STRINGS, '"- a\\n- b\\n"', '"a: 1\\nb:\\n  c: [x, y]\\n"', '"1.5"', '"~"', '"{a: 1}"', '"key: |\\n  text\\n"']],
  md5: [STRINGS], sha1: [STRINGS], sha256: [STRINGS], sha512: [STRINGS], uuidv5: [['"dns"', '"url"', '"oid"', '"x500"', '"6ba7b810-9dad-11d1-80b4-00c04fd430c8"', '"bad"'], STRINGS],
  cidrhost: [['"10.0.0.0/8"', '"192.168.1.0/24"', '"2001:db8::/32"', '"bad"', '"10.1.2.3/30"'], ['0', '1', '5', '-1', '300', '1.5']],
  cidrnetmask: [['"10.0.0.0/8"', '"192.168.1.0/24"', '"2001:db8::/32"', '"bad"', '"0.0.0.0/0"']],
  cidrsubnet: [['"10.0.0.0/8"', '"192.168.1.0/24"', '"2001:db8::/32"'], ['0', '1', '4', '8', '40'], ['0', '1', '3', '300']],
  cidrsubnets: [['"10.0.0.0/8"', '"192.168.1.0/24"', '"2001:db8::/32"'], ['1', '4', '8', '0', '30'], '...'],
  formatdate: [['"YYYY-MM-DD"', '"DD MMM YYYY hh:mm ZZZ"', '"EEEE, h:mmaa"', '"\'quoted\' YY"', '"H:m:s Z"', '"x"'],
    ['"2024-02-29T13:05:09Z"', '"2017-11-22T00:00:00+05:30"', '"bad"', '"2024-13-01T00:00:00Z"']],
  timeadd: [['"2024-02-29T13:05:09Z"', '"2017-11-22T00:00:00+05:30"', '"bad"'], ['"1h"', '"-30m"', '"1.5h"', '"10s"', '"1d"', '""']],
  basename: [['"/a/b/c.txt"', '"c"', '"/"', '""', '"a/b/"']], dirname: [['"/a/b/c.txt"', '"c"', '"/"', '""', '"a/b/"']],
};

function pick<T>(rand: () => number, pool: readonly T[]): T {
  return pool[Math.floor(rand() * pool.length)]!;
}

function generatedCalls(rand: () => number): string[] {
  const out: string[] = [];
  for (const [name, shape] of Object.entries(FUNCTION_ARGS)) {
    if (shape.length === 0) continue;
    const variadic = shape[shape.length - 1] === '...';
    const pools = (variadic ? shape.slice(0, -1) : shape) as Pool[];
    for (let n = 0; n < 32; n++) {
      const args = pools.map((p) => pick(rand, rand() < 0.9 ? p : ALL));
      if (variadic) for (let k = Math.floor(rand() * 3); k > 0; k--) args.push(pick(rand, pools[pools.length - 1]!));
      out.push(`${name}(${args.join(', ')})`);
    }
  }
  return out;
}

const BINARY = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];

function generatedOperators(rand: () => number): string[] {
  const out: string[] = [];
  for (const op of BINARY) {
    for (let n = 0; n < 45; n++) {
      const arith = !['==', '!=', '&&', '||'].includes(op);
      const left = pick(rand, arith && rand() < 0.7 ? NUMBERS : op === '&&' || op === '||' ? (rand() < 0.7 ? BOOLS : ALL) : ALL);
      const right = pick(rand, arith && rand() < 0.7 ? NUMBERS : op === '&&' || op === '||' ? (rand() < 0.7 ? BOOLS : ALL) : ALL);
      out.push(`${left} ${op} ${right}`);
    }
  }
  for (let n = 0; n < 40; n++) out.push(`${pick(rand, ['-', '!'])}${pick(rand, ALL)}`);
  for (let n = 0; n < 40; n++) out.push(`${pick(rand, NUMBERS)} ${pick(rand, ['+', '*', '-'])} ${pick(rand, NUMBERS)} ${pick(rand, ['*', '/', '+'])} ${pick(rand, NUMBERS)}`);
  return out;
}

function generatedConditionals(rand: () => number): string[] {
  const out: string[] = [];
  for (let n = 0; n < 120; n++) out.push(`${pick(rand, [...BOOLS, ...BOOLS, 'null', '1', '"no"'])} ? ${pick(rand, ALL)} : ${pick(rand, ALL)}`);
  return out;
}

function generatedTemplates(rand: () => number): string[] {
  const out: string[] = [];
  for (let n = 0; n < 80; n++) out.push(`"x${'${'}${pick(rand, ALL)}}y"`);
  for (let n = 0; n < 30; n++) out.push(`"%{ for v in ${pick(rand, COLLECTIONS)} }[${'${'}v}]%{ endfor }"`);
  for (let n = 0; n < 30; n++) out.push(`"%{ if ${pick(rand, [...BOOLS, 'null', '1'])} }a%{ else }${'${'}${pick(rand, ALL)}}%{ endif }"`);
  return out;
}

function generatedFors(rand: () => number): string[] {
  const out: string[] = [];
  for (let n = 0; n < 50; n++) out.push(`[for k, v in ${pick(rand, [...COLLECTIONS, ...OTHERS, '"s"'])} : ${pick(rand, ['v', 'k', '"${k}:${v}"', '[k, v]', 'upper(v)'])}]`);
  for (let n = 0; n < 50; n++) out.push(`{ for k, v in ${pick(rand, COLLECTIONS)} : ${pick(rand, ['v', 'k', '"${v}"', 'upper(k)'])} => ${pick(rand, ['k', 'v', '1'])}${rand() < 0.3 ? '...' : ''} }`);
  return out;
}

function generatedConversions(rand: () => number): string[] {
  const types = ['string', 'number', 'bool', 'list(string)', 'list(number)', 'set(string)', 'map(string)', 'map(number)', 'list(any)', 'set(any)',
    'map(any)', 'tuple([string, number])', 'object({ a = number })', 'object({ name = string, port = number, tags = list(string), enabled = bool })',
    'list(list(string))', 'any', 'object({ a = optional(string) })', 'map(list(string))'];
  const out: string[] = [];
  for (let n = 0; n < 180; n++) out.push(`convert(${pick(rand, ALL)}, ${pick(rand, types)})`);
  return out;
}

function generatedAccess(rand: () => number): string[] {
  const keys = ['0', '1', '2', '-1', '"a"', '"b"', '"name"', '"0"', 'null', '1.5', 'true', 'local.n', '"x"'];
  const out: string[] = [];
  for (let n = 0; n < 80; n++) out.push(`${pick(rand, [...COLLECTIONS, ...OTHERS, 'local.s'])}[${pick(rand, keys)}]`);
  for (let n = 0; n < 40; n++) out.push(`${pick(rand, [...COLLECTIONS, ...OTHERS, 'local.s'])}.${pick(rand, ['a', 'name', 'x', 'tags', 'y'])}`);
  for (let n = 0; n < 30; n++) out.push(`${pick(rand, [...COLLECTIONS, ...OTHERS, 'local.s'])}[*]${pick(rand, ['', '.a', '.name', '[0]'])}`);
  return out;
}

function randomDecimal(rand: () => number): string {
  const digits = 1 + Math.floor(rand() * 24);
  let mantissa = String(1 + Math.floor(rand() * 9));
  for (let i = 1; i < digits; i++) mantissa += String(Math.floor(rand() * 10));
  const point = Math.floor(rand() * (digits + 1));
  const text = point === digits ? mantissa : `${mantissa.slice(0, point) || '0'}.${mantissa.slice(point)}`;
  const exp = rand() < 0.3 ? `e${Math.floor(rand() * 61) - 30}` : '';
  return (rand() < 0.3 ? '-' : '') + text + exp;
}

function generatedNumbers(rand: () => number): string[] {
  const out: string[] = [];
  for (let n = 0; n < 60; n++) out.push(randomDecimal(rand).replace(/^-/, '- '));
  for (let n = 0; n < 160; n++) out.push(`${randomDecimal(rand)} ${pick(rand, ['+', '-', '*', '/', '%', '<', '==', '>='])} ${randomDecimal(rand)}`);
  for (let n = 0; n < 60; n++) out.push(`(${randomDecimal(rand)}) / ${pick(rand, ['3', '7', '9', 'local.len3', '0.3', '1e-9'])}`);
  for (let n = 0; n < 80; n++) {
    const verb = pick(rand, ['%e', '%E', '%f', '%g', '%G', '%v', '%d', '%x', '%.2e', '%.0f', '%.3f', '%.12g', '%10.4f', '%-12.3e|', '%+.1f', '%08.2f', '%.1g']);
    out.push(`format("${verb}", ${randomDecimal(rand)})`);
  }
  const strings = ['"1e3"', '"0x10"', '" 1"', '"1 "', '"1_000"', '".5"', '"5."', '"+5"', '"Inf"', '"-inf"', '"+Inf"', '"1p4"', '"1E+2"', '"--1"',
    '"0.1e"', '"1e999999999999"', '"00012"', '"-0"', '"NaN"', '"∞"', '"١"', '"1,5"', '""', '"."'];
  for (const s of strings) out.push(`convert(${s}, number)`, `${s} + 0`);
  return out;
}

function generatedCollections(rand: () => number): string[] {
  const elems = ['{ a = 1 }', '{ a = 2 }', '{ a = "x" }', '[1, 2]', '[2]', '["b"]', '{ b = true }', '{ a = 1, b = 2 }', '{ a = [1] }'];
  const keys = ['"é"', '"e"', '"z"', '"A"', '"ä"', '"Z"', '"_"', '"10"', '"9"', '"😀"', '"ﬀ"', '"a b"', '""'];
  const nums = ['1', '1.0', '1e0', '0.1', '0.30000000000000004', '0.1 + 0.2', '-0', '0', 'local.len3', '3', '1/3', 'local.third'];
  const out: string[] = [];
  for (let n = 0; n < 40; n++) out.push(`convert([${[pick(rand, elems), pick(rand, elems), pick(rand, elems)].join(', ')}], set(any))`);
  for (let n = 0; n < 30; n++) out.push(`keys({ ${[pick(rand, keys), pick(rand, keys), pick(rand, keys)].map((k, i) => `${k} = ${i}`).join(', ')} })`);
  for (let n = 0; n < 30; n++) out.push(`sort([${[pick(rand, keys), pick(rand, keys), pick(rand, keys), pick(rand, keys)].join(', ')}])`);
  for (let n = 0; n < 30; n++) out.push(`convert([${[pick(rand, nums), pick(rand, nums), pick(rand, nums)].join(', ')}], set(number))`);
  for (let n = 0; n < 20; n++) out.push(`distinct([${[pick(rand, nums), pick(rand, nums), pick(rand, nums)].join(', ')}])`);
  for (let n = 0; n < 20; n++) out.push(`setunion(${['[' + pick(rand, nums) + ', ' + pick(rand, nums) + ']', '[' + pick(rand, nums) + ']'].join(', ')})`);
  for (let n = 0; n < 20; n++) out.push(`${pick(rand, nums)} == ${pick(rand, nums)}`);
  return out;
}

export function allCases(seed = 20261207): Case[] {
  const random = seededRandom(seed);
  const rand = (): number => random.next() / 2 ** 32;
  const generated = [
    ...generatedCalls(rand),
    ...generatedOperators(rand),
    ...generatedConditionals(rand),
    ...generatedTemplates(rand),
    ...generatedFors(rand),
    ...generatedConversions(rand),
    ...generatedAccess(rand),
    ...generatedNumbers(rand),
    ...generatedCollections(rand),
  ];
  const seen = new Set<string>();
  const out: Case[] = [];
  const add = (prefix: string, expr: string) => {
    if (seen.has(expr)) return;
    seen.add(expr);
    out.push({ id: `${prefix}${String(out.length + 1).padStart(4, '0')}`, expr });
  };
  for (const e of HAND_PICKED) add('h', e);
  for (const e of generated) add('g', e);
  return out;
}
