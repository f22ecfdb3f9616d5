import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import type { Task, Template } from '../hcl/job/model.js';
import { GoTemplateError } from './gotemplate/errors.js';
import { renderGoTemplate } from './gotemplate/render.js';
import { interpolateString, type InterpolationScope } from './interpolate.js';
import { EnvTextError, parseEnvText } from './template-env.js';

/** A template that could not be rendered; the message names it by its destination. */
export class TemplateError extends Error {
  constructor(
    readonly destination: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    const where = line === undefined ? '' : column === undefined ? ` line ${line}` : ` line ${line}, column ${column}`;
    super(`template "${destination}"${where}: ${detail}`);
    this.name = 'TemplateError';
  }
}

export interface TemplateContext {
  /** The task environment: `env "X"` and `${X}` read it. */
  env: Readonly<Record<string, string>>;
  /** Where `source` paths are read from: the job file's directory. */
  jobDir: string;
  /** Host path of the task directory, `<allocDir>/<task>`. */
  taskDir: string;
  /** Host path of the allocation directory. */
  allocDir: string;
  /** `${attr.*}`, `${node.*}` and `${meta.*}` values; empty when absent. */
  node?: Pick<InterpolationScope, 'node' | 'meta'>;
  /** The clock behind `timestamp`. */
  now?: () => Date;
}

export interface RenderedFile {
  /** The destination as written in the job. */
  destination: string;
  /** Host path written. */
  path: string;
  mode: number;
}

export interface RenderedTemplates {
  files: RenderedFile[];
  /** Variables from `env = true` templates, in template order (later ones win). */
  env: Record<string, string>;
}

/**
 * Renders a task's `template` blocks as Nomad's template hook does before the task starts, with only
 * local data: every template is rendered first and files are written only when all succeeded, so a
 * mistake leaves no half-written set behind.
 */
export async function renderTemplates(task: Pick<Task, 'templates'>, ctx: TemplateContext): Promise<RenderedTemplates> {
  const rendered: { file: RenderedFile; content: string }[] = [];
  const env: Record<string, string> = {};
  for (const tpl of task.templates) {
    const source = await templateSource(tpl, ctx);
    const content = renderTemplateText(tpl, source, ctx);
    const file: RenderedFile = { destination: tpl.destination, path: templateDestination(tpl.destination, ctx), mode: templateMode(tpl) };
    if (tpl.env) Object.assign(env, templateEnv(tpl, content));
    rendered.push({ file, content });
  }
  for (const { file, content } of rendered) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, content, { mode: file.mode });
    // The process umask would otherwise narrow the mode the job asked for.
    await chmod(file.path, file.mode);
  }
  return { files: rendered.map((r) => r.file), env };
}

/** Renders one template's text; pure apart from the clock in `ctx.now`. */
export function renderTemplateText(tpl: Template, source: string, ctx: Pick<TemplateContext, 'env' | 'node' | 'now'>): string {
  const scope = interpolationScope(ctx);
  try {
    return renderGoTemplate(source, {
      delimiters: { left: tpl.leftDelimiter, right: tpl.rightDelimiter },
      env: ctx.env,
      ...(ctx.now ? { now: ctx.now } : {}),
      text: (s) => interpolateString(s, scope),
    });
  } catch (e) {
    if (e instanceof GoTemplateError) throw new TemplateError(tpl.destination, e.detail, e.line, e.column);
    throw e;
  }
}

/**
 * The host path a destination names. Like Nomad, the destination is interpolated and then taken
 * relative to the task directory even when absolute (`/local/x` is `<task>/local/x`); `alloc/...`
 * is the shared directory the jail sees at `/alloc`. Nothing may land outside the allocation.
 */
export function templateDestination(destination: string, ctx: Pick<TemplateContext, 'env' | 'node' | 'taskDir' | 'allocDir'>): string {
  const expanded = interpolateString(destination, interpolationScope(ctx));
  const taskDir = normalize(ctx.taskDir);
  const allocDir = normalize(ctx.allocDir);
  let path = normalize(join(taskDir, expanded));
  const inTaskAlloc = join(taskDir, 'alloc');
  if (path === inTaskAlloc || path.startsWith(`${inTaskAlloc}/`)) path = join(allocDir, 'alloc', path.slice(inTaskAlloc.length));
  if (!path.startsWith(`${allocDir}/`)) throw new TemplateError(destination, 'template destination path escapes alloc directory');
  if (path.endsWith('/')) throw new TemplateError(destination, 'template destination must name a file, not a directory');
  return path;
}

/** `perms` as a file mode; it must be an octal string such as "0644". */
export function templateMode(tpl: Pick<Template, 'perms' | 'destination'>): number {
  if (!/^[0-7]{3,4}$/.test(tpl.perms)) throw new TemplateError(tpl.destination, `perms "${tpl.perms}" is not an octal file mode such as "0644"`);
  return parseInt(tpl.perms, 8);
}

function templateEnv(tpl: Template, content: string): Record<string, string> {
  try {
    return parseEnvText(content);
  } catch (e) {
    if (e instanceof EnvTextError) throw new TemplateError(tpl.destination, `env = true output, ${e.detail}`, e.line);
    throw e;
  }
}

async function templateSource(tpl: Template, ctx: TemplateContext): Promise<string> {
  if (tpl.source === undefined) return tpl.data ?? '';
  const name = interpolateString(tpl.source, interpolationScope(ctx));
  const path = isAbsolute(name) ? name : resolve(ctx.jobDir, name);
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new TemplateError(tpl.destination, `cannot read source "${tpl.source}" (${path}): ${why}`);
  }
}

function interpolationScope(ctx: Pick<TemplateContext, 'env' | 'node'>): InterpolationScope {
  return { env: ctx.env, node: ctx.node?.node ?? {}, meta: ctx.node?.meta ?? {} };
}
