/**
 * Regenerates fixtures/conformance/cases.json: every case of cases.ts evaluated by HashiCorp's HCL v2 and cty
 * (tools/conformance/reference/main.go, built offline from Debian's packages), merged with the notes in
 * fixtures/conformance/notes.json. Not part of `npm test`; run it after changing the cases:
 *
 *   apt-get install golang-go golang-github-hashicorp-hcl-v2-dev golang-github-zclconf-go-cty-dev \
 *     golang-github-zclconf-go-cty-yaml-dev golang-github-apparentlymart-go-cidr-dev golang-github-google-uuid-dev
 *   npx tsc -p tsconfig.json && node dist/tools/conformance/generate.js
 *
 * Debian packages HCL 2.14 and cty 1.12 (the versions of Nomad 1.6); the newest Nomad has HCL 2.20 and cty
 * 1.19. Where those differ, notes.json records the newer answer and why, and the test expects that one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allCases, CONTEXT } from './cases.js';
import type { Expected, Notes } from './data.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = `${ROOT}fixtures/conformance/cases.json`;
const NOTES = `${ROOT}fixtures/conformance/notes.json`;

function runReference(input: string): (Expected & { id: string })[] {
  const gopath = mkdtempSync(path.join(tmpdir(), 'conformance-gopath-'));
  try {
    const out = execFileSync('go', ['run', `${ROOT}tools/conformance/reference/main.go`], {
      input,
      env: { ...process.env, GO111MODULE: 'off', GOPATH: `${gopath}:/usr/share/gocode`, GOFLAGS: '' },
      maxBuffer: 256 * 1024 * 1024,
    });
    return JSON.parse(out.toString('utf8')) as (Expected & { id: string })[];
  } finally {
    rmSync(gopath, { recursive: true, force: true });
  }
}

const cases = allCases();
const results = runReference(JSON.stringify({ context: CONTEXT, cases }));
const notes = JSON.parse(readFileSync(NOTES, 'utf8')) as Notes;
const byId = new Map(results.map((r) => [r.id, r]));
const lines = cases.map((c) => {
  const { id: _id, ...expect } = byId.get(c.id)!;
  const record: Record<string, unknown> = { id: c.id, expr: c.expr, expect };
  const note = notes.cases[c.expr];
  if (note) Object.assign(record, note);
  return JSON.stringify(record);
});
const header = {
  about: 'Expressions evaluated by HashiCorp HCL v2 with cty and the function table of Nomad\'s job parser; see tools/conformance/.',
  reference: 'Debian bookworm: golang-go 1.19, hcl/v2 2.14.1, go-cty 1.12.1, go-cty-yaml 1.0.2; go-cty-funcs functions stood in for by the Go standard library calls they make',
  target: notes.target,
  context: CONTEXT,
};
writeFileSync(OUT, `{"header": ${JSON.stringify(header)},\n"cases": [\n${lines.join(',\n')}\n]}\n`);
process.stdout.write(`wrote ${lines.length} cases to ${path.relative(ROOT, OUT)}\n`);
