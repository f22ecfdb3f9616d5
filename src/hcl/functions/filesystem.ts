import { readFileSync, statSync, type Stats } from 'node:fs';
import { posix, relative } from 'node:path';
import { CallFailure } from './errors.js';
import { glob, GlobPatternError } from './glob.js';
import { expandHome, goBase, goClean, goDir, HomeDirError, resolveFrom } from './go-path.js';
import { param, staticType, STRING, stringsFn, type FunctionContext, type FunctionSpec, type FunctionTable } from './spec.js';
import { set, str } from '../cty/value.js';
import { compareStrings } from './text.js';

/** File functions. Relative paths are relative to the job file's directory; `~` is the home directory. */

const utf8 = new TextDecoder('utf-8', { fatal: true });

function resolve(ctx: FunctionContext, p: string): string {
  try {
    return resolveFrom(ctx.baseDir, p);
  } catch (e) {
    if (e instanceof HomeDirError) throw new CallFailure(`failed to expand ~: ${e.message}`);
    throw e;
  }
}

function readBytes(ctx: FunctionContext, p: string): Buffer {
  const full = resolve(ctx, p);
  try {
    return readFileSync(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CallFailure(`no file exists at ${full}`);
    throw new CallFailure(`failed to read ${full}`);
  }
}

function readText(ctx: FunctionContext, p: string): string {
  try {
    return utf8.decode(readBytes(ctx, p));
  } catch (e) {
    if (e instanceof CallFailure) throw e;
    throw new CallFailure(
      `contents of ${p} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
    );
  }
}

/** Go's FileMode.String() for the kinds of entry a stat can return. */
function modeString(st: Stats): string {
  const kind = st.isDirectory() ? 'd' : st.isFIFO() ? 'p' : st.isSocket() ? 'S' : st.isCharacterDevice() ? 'Dc' : st.isBlockDevice() ? 'D' : '-';
  const rwx = 'rwxrwxrwx';
  let perm = '';
  for (let i = 0; i < 9; i++) perm += st.mode & (1 << (8 - i)) ? rwx[i] : '-';
  return kind + perm;
}

function fileexists(ctx: FunctionContext, p: string): boolean {
  const full = resolve(ctx, p);
  let st: Stats;
  try {
    st = statSync(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw new CallFailure(`failed to stat ${full}`);
  }
  if (st.isFile()) return true;
  throw new CallFailure(`${full} is not a regular file, but ${JSON.stringify(modeString(st))}`);
}

function fileset(ctx: FunctionContext, dir: string, pattern: string): string[] {
  const root = dir.startsWith('/') ? goClean(dir) : goClean(posix.join(ctx.baseDir, dir));
  const full = goClean(posix.join(root, pattern));
  let matches: string[];
  try {
    matches = glob(full);
  } catch (e) {
    if (e instanceof GlobPatternError) throw new CallFailure(`failed to glob pattern (${full}): ${e.message}`);
    throw e;
  }
  const files = matches.filter((m) => {
    try {
      return statSync(m).isFile();
    } catch {
      return false;
    }
  });
  return [...new Set(files.map((m) => relative(root, m).split(posix.sep).join('/')))].sort(compareStrings);
}

function pathFn(fn: (p: string, ctx: FunctionContext) => string | boolean): FunctionSpec {
  return stringsFn(['path'], ([p], ctx) => fn(p!, ctx), true);
}

export const filesystemFunctions: FunctionTable = {
  file: pathFn((p, ctx) => readText(ctx, p)),
  filebase64: pathFn((p, ctx) => readBytes(ctx, p).toString('base64')),
  fileexists: pathFn((p, ctx) => fileexists(ctx, p)),
  fileset: {
    params: [param('path', STRING), param('pattern', STRING)],
    fs: true,
    type: staticType({ kind: 'set', element: STRING }),
    impl: ([p, pattern], _t, ctx) =>
      set(
        fileset(ctx, p!.str, pattern!.str).map((f) => str(f)),
        STRING,
      ),
  },
  // Nomad resolves abspath() against the working directory, not the job file's directory.
  abspath: pathFn((p) => goClean(posix.resolve(process.cwd(), p))),
  basename: pathFn((p) => goBase(p)),
  dirname: pathFn((p) => goDir(p)),
  pathexpand: pathFn((p) => {
    try {
      return expandHome(p);
    } catch (e) {
      if (e instanceof HomeDirError) throw new CallFailure(e.message);
      throw e;
    }
  }),
};
