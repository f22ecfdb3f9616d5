import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { evaluateJobFile, type DeclaredVariable, type VariableInput } from './eval/job-file.js';
import { decodeJob } from './job/decode-job.js';
import type { Job } from './job/model.js';
import { JobFileError, type Diagnostic } from './source.js';
import { parseFile } from './syntax/parser.js';

export interface LoadOptions {
  /** `--var` and `--var-file` in command-line order. */
  vars: VariableInput[];
  /** For `NOMAD_VAR_<name>`. */
  env: Record<string, string | undefined>;
  /** Whether `file()` and friends may read files; the CLI allows them, as Nomad's CLI does. */
  allowFS: boolean;
}

export interface LoadedJob {
  job: Job;
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
  let source: string;
  try {
    source = readFileSync(isStdin ? 0 : path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new JobFileError([{ severity: 'error', summary: `cannot read job file "${path}": ${reason}` }]);
  }
  const filename = isStdin ? '<stdin>' : path;
  return loadJobSource(filename, source, isStdin ? process.cwd() : dirname(resolve(path)), opts);
}

/** Parses, evaluates and decodes one job file's text. */
export function loadJobSource(filename: string, source: string, baseDir: string, opts: LoadOptions): LoadedJob {
  const sources = new Map([[filename, source]]);
  const parsed = parseFile(filename, source);
  throwOnErrors(parsed.diagnostics, sources);
  const evaluated = evaluateJobFile(parsed.file, { vars: opts.vars, env: opts.env, baseDir, allowFS: opts.allowFS });
  const diags = [...parsed.diagnostics, ...evaluated.diagnostics];
  throwOnErrors(diags, sources);
  if (!evaluated.job) throw new JobFileError([{ severity: 'error', summary: 'Missing job block', detail: 'A job file needs one job "<name>" { ... } block.' }], sources);
  const job = decodeJob(evaluated.job, diags);
  return { job, variables: evaluated.variables, diagnostics: diags, filename, source };
}

function throwOnErrors(diags: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void {
  if (diags.some((d) => d.severity === 'error')) throw new JobFileError([...diags], sources);
}
