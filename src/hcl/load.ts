import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { evaluateJobFile, type DeclaredVariable, type VariableInput } from './eval/job-file.js';
import { decodeJob } from './job/decode-job.js';
import type { NomadBlock } from './job/nomad-block.js';
import { readSpecBlock } from './job/read-spec.js';
import { validateNomadJob } from './job/rules/validate.js';
import { JOB } from './job/spec/job.js';
import type { NomadVersion } from './job/spec/builders.js';
import { NEWEST_NOMAD } from './job/spec/versions.js';
import type { Job } from './job/model.js';
import { JobFileError, type Diagnostic } from './source.js';
import { jsonBody } from './json/body.js';
import { JOB_FILE_SCHEMA } from './json/job-schema.js';
import { parseJson } from './json/tree.js';
import type { File } from './syntax/ast.js';
import { parseFile } from './syntax/parser.js';

export interface LoadOptions {
  /** `--var` and `--var-file` in command-line order. */
  vars: VariableInput[];
  /** For `NOMAD_VAR_<name>`. */
  env: Record<string, string | undefined>;
  /** Whether `file()` and friends may read files; the CLI allows them, as Nomad's CLI does. */
  allowFS: boolean;
  /** The Nomad version the job is meant for (default: the newest known); what it does not read is a warning. */
  nomadVersion?: NomadVersion;
}

export interface LoadedJob {
  job: Job;
  /** The whole job as Nomad's decoder read it, for what the job model leaves out. */
  spec: NomadBlock;
  variables: DeclaredVariable[];
  /**
   * Problems found while decoding the evaluated job (errors and warnings). Syntax and evaluation errors
   * are thrown as a JobFileError instead, since nothing sensible can be decoded after them; decoding
   * errors are returned so that callers can add the driver's own checks and report everything at once.
   */
  diagnostics: Diagnostic[];
  filename: string;
  source: string;
}

/** Reads a job file (`-` for stdin) and loads it; throws JobFileError with every problem found. */
export function loadJobFile(path: string, opts: LoadOptions): LoadedJob {
  const isStdin = path === '-';
  let bytes: Buffer;
  try {
    bytes = readFileSync(isStdin ? 0 : path);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new JobFileError([{ severity: 'error', summary: `cannot read job file "${path}": ${reason}` }]);
  }
  const filename = isStdin ? '<stdin>' : path;
  checkEncoding(filename, bytes);
  return loadJobSource(filename, bytes.toString('utf8'), isStdin ? process.cwd() : dirname(resolve(path)), opts);
}

/**
 * HCL refuses bytes that are not UTF-8 anywhere in a file; decoding them leniently would slip U+FFFD into
 * strings unnoticed. Newlines are single bytes in UTF-8, so the first bad line is found line by line.
 */
function checkEncoding(filename: string, bytes: Buffer): void {
  if (isUtf8(bytes)) return;
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    if (!isUtf8(bytes.subarray(start, end))) {
      const pos = { line, column: 1, offset: bytes.subarray(0, start).toString('utf8').length };
      const diagnostic = {
        severity: 'error' as const,
        summary: 'Invalid character encoding',
        detail: 'All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.',
        range: { filename, start: pos, end: pos },
      };
      throw new JobFileError([diagnostic], new Map([[filename, bytes.toString('utf8')]]));
    }
    start = end + 1;
  }
}

/** Parses, evaluates and decodes one job file's text. */
export function loadJobSource(filename: string, source: string, baseDir: string, opts: LoadOptions): LoadedJob {
  const sources = new Map([[filename, source]]);
  const parsed = isJsonJob(filename, source) ? parseJsonFile(filename, source) : parseFile(filename, source);
  throwOnErrors(parsed.diagnostics, sources);
  const evaluated = beyondEngineLimits(filename, sources, () =>
    evaluateJobFile(parsed.file, { vars: opts.vars, env: opts.env, baseDir, allowFS: opts.allowFS }),
  );
  const diags = [...parsed.diagnostics, ...evaluated.diagnostics];
  throwOnErrors(diags, sources);
  if (!evaluated.job) throw new JobFileError([{ severity: 'error', summary: 'Missing job block', detail: 'A job file needs one job "<name>" { ... } block.' }], sources);
  const evaluatedJob = evaluated.job;
  const target = opts.nomadVersion ?? NEWEST_NOMAD;
  const { job, spec } = beyondEngineLimits(filename, sources, () => {
    const read = readSpecBlock(evaluatedJob, JOB, '', target, diags);
    validateNomadJob(read, target, diags);
    return { job: decodeJob(read, diags), spec: read };
  });
  return { job, spec, variables: evaluated.variables, diagnostics: diags, filename, source };
}

/**
 * Nomad reads a job file ending in `.json` in HCL's JSON syntax. Standard input has no name, but an HCL
 * file cannot start with `{`, so a JSON document there is recognised by its first character.
 */
function isJsonJob(filename: string, source: string): boolean {
  return filename.endsWith('.json') || (filename === '<stdin>' && source.trimStart().startsWith('{'));
}

function parseJsonFile(filename: string, source: string): { file: File; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { root, lines } = parseJson(filename, source, diagnostics);
  const empty = { filename, start: lines.pos(0), end: lines.pos(0) };
  if (root && root.kind !== 'object') {
    diagnostics.push({ severity: 'error', summary: 'Incorrect JSON value type', detail: 'The root of a JSON job file must be an object holding "job" (and "variable" or "locals").', range: root.range });
  }
  if (root?.kind === 'object' && root.members.some((m) => m.name === 'Job')) {
    const detail = 'This looks like the API form of a job ("Job": {...}), as `nomad job inspect` prints and `nomad job run -json` reads; pot-nomad reads job files in HCL or in HCL\'s JSON syntax ("job": {"<name>": {...}}).';
    diagnostics.push({ severity: 'error', summary: 'Unsupported JSON job form', detail, range: root.range });
  }
  const body = root?.kind === 'object' && diagnostics.length === 0 ? jsonBody(root, JOB_FILE_SCHEMA, lines, diagnostics) : { kind: 'Body' as const, items: [], range: empty };
  return { file: { filename, source, body }, diagnostics };
}

/**
 * Evaluation reports problems as diagnostics, but what the JavaScript engine itself refuses surfaces as a
 * RangeError: a stack overflow (locals referring to each other in a very long chain) or a string or list
 * over the engine's maximum length. Those become one diagnostic for the file instead of a crash.
 */
function beyondEngineLimits<T>(filename: string, sources: ReadonlyMap<string, string>, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const range = { filename, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
    if (/call stack/i.test(err.message)) {
      const detail = 'This file nests values, or references between them, too deeply to be evaluated.';
      throw new JobFileError([{ severity: 'error', summary: 'Nesting too deep', detail, range }], sources);
    }
    if (/invalid (string|array|typed array) length|allocation failed/i.test(err.message)) {
      const detail = `Evaluating this file produced a value too large to hold (${err.message}).`;
      throw new JobFileError([{ severity: 'error', summary: 'Value too large', detail, range }], sources);
    }
    throw err;
  }
}

function throwOnErrors(diags: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void {
  if (diags.some((d) => d.severity === 'error')) throw new JobFileError([...diags], sources);
}
