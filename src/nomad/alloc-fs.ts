import { chmod, mkdir, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { AllocDirLayout } from './alloc-dir.js';

/** The directories of an allocation and their modes, as a Nomad client creates them. */
export function allocDirEntries(layout: AllocDirLayout, tasks: readonly string[]): { path: string; mode: number }[] {
  const shared = layout.sharedDir;
  return [
    { path: layout.allocDir, mode: 0o755 },
    { path: shared, mode: 0o755 },
    { path: layout.logsDir, mode: 0o755 },
    { path: join(shared, 'data'), mode: 0o755 },
    // Every task may write here, but only remove its own files, like /tmp.
    { path: join(shared, 'tmp'), mode: 0o1777 },
    ...tasks.flatMap((task) => [
      { path: layout.taskDir(task), mode: 0o755 },
      { path: layout.localDir(task), mode: 0o755 },
      { path: layout.secretsDir(task), mode: 0o700 },
      { path: join(layout.taskDir(task), 'tmp'), mode: 0o1777 },
    ]),
  ];
}

/**
 * Creates `<alloc>/alloc/{logs,data,tmp}` and `<alloc>/<task>/{local,secrets,tmp}`. Running it again
 * is harmless, and it puts the modes right again if something changed them.
 */
export async function createAllocDir(layout: AllocDirLayout, tasks: readonly string[]): Promise<void> {
  for (const { path, mode } of allocDirEntries(layout, tasks)) {
    await mkdir(path, { recursive: true });
    // mkdir's mode passes through the umask and cannot set the sticky bit; chmod does both.
    await chmod(path, mode);
  }
}

/**
 * Removes an allocation directory and everything in it; a missing one is not an error. The caller
 * must have destroyed the jails first: a jail's nullfs mounts point into this tree.
 */
export async function removeAllocDir(layout: AllocDirLayout): Promise<void> {
  const dir = layout.allocDir;
  if (!isAbsolute(dir) || dir.replace(/\/+$/, '') === '') throw new Error(`refusing to remove "${dir}": not an absolute allocation directory`);
  await rm(dir, { recursive: true, force: true });
}
