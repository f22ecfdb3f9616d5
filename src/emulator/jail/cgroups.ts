import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What `set-rss` asked for: rctl's memoryuse and cpuset's CPU count on FreeBSD. */
export interface Limits {
  readonly memoryBytes?: number;
  readonly cpus?: number;
}

export type Controller = 'memory' | 'cpuset';

export interface CgroupSetup {
  /** the cgroup directories made for the pot, one per hierarchy; its processes are put into each */
  readonly dirs: string[];
  /** controllers that could not be used, with why */
  readonly unavailable: { readonly controller: Controller; readonly reason: string }[];
}

/**
 * One cgroup per pot with its limits, as pot's rctl and cpuset rules are per jail. cgroup v2 is used where its
 * tree has the controller: the pot's cgroup is made next to the caller's (in the caller's parent, which has to
 * be writable, as it is for root or inside a delegated subtree). Hosts that still mount a controller as cgroup
 * v1 (hybrid hierarchies) get the pot's cgroup below the caller's in that hierarchy.
 */
export function createCgroups(id: string, limits: Limits): CgroupSetup {
  const wanted: Controller[] = [];
  if (limits.memoryBytes !== undefined) wanted.push('memory');
  if (limits.cpus !== undefined) wanted.push('cpuset');
  const setup: CgroupSetup = { dirs: [], unavailable: [] };
  if (wanted.length === 0) return setup;
  const hierarchies = readHierarchies();
  for (const controller of wanted) {
    const hierarchy = pick(hierarchies, controller);
    if (typeof hierarchy === 'string') {
      setup.unavailable.push({ controller, reason: hierarchy });
      continue;
    }
    try {
      const dir = join(hierarchy.base, `pot-emulator-${id}`);
      if (hierarchy.version === 2) enableV2(hierarchy.base, controller);
      makeDirectory(dir);
      if (!setup.dirs.includes(dir)) setup.dirs.push(dir);
      applyLimit(hierarchy, dir, controller, limits);
    } catch (error) {
      setup.unavailable.push({ controller, reason: describe(error) });
    }
  }
  return setup;
}

/** Moves a process (and so everything it starts from then on) into the pot's cgroups. */
export function joinCgroups(dirs: readonly string[], pid: number): void {
  for (const dir of dirs) writeFileSync(join(dir, 'cgroup.procs'), `${pid}\n`);
}

/** The caller's own cgroups, to go back to after starting something in the pot's. */
export function ownCgroups(dirs: readonly string[]): string[] {
  const hierarchies = readHierarchies();
  return dirs.map((dir) => hierarchies.find((h) => dir.startsWith(`${h.mount}/`))?.own ?? '').filter((own) => own !== '');
}

/**
 * Removes the pot's cgroups once its processes are gone (a cgroup with a process still in it cannot be
 * removed, and a process that was just killed may take a moment to leave it).
 */
export async function removeCgroups(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      try {
        rmdirSync(dir);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EBUSY') break;
        await sleep(20);
      }
    }
  }
}

interface Hierarchy {
  readonly version: 1 | 2;
  readonly mount: string;
  /** the caller's cgroup in this hierarchy */
  readonly own: string;
  /** where the pot's cgroup goes */
  readonly base: string;
  readonly controllers: readonly string[];
}

function pick(hierarchies: readonly Hierarchy[], controller: Controller): Hierarchy | string {
  const v2 = hierarchies.find((h) => h.version === 2);
  if (v2 !== undefined && v2.controllers.includes(controller)) return v2;
  const v1 = hierarchies.find((h) => h.version === 1 && h.controllers.includes(controller));
  if (v1 !== undefined) return v1;
  if (v2 !== undefined) return `the cgroup v2 tree has no ${controller} controller at ${v2.base}, and no cgroup v1 ${controller} hierarchy is mounted`;
  return 'no cgroup hierarchy is mounted';
}

/** cgroup mounts from /proc/self/mountinfo, with this process's place in each from /proc/self/cgroup. */
function readHierarchies(): Hierarchy[] {
  const memberships = readText('/proc/self/cgroup')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [, controllers = '', ...path] = line.split(':');
      return { controllers: controllers === '' ? [] : controllers.split(','), path: path.join(':') };
    });
  const result: Hierarchy[] = [];
  for (const line of readText('/proc/self/mountinfo').split('\n')) {
    const [before, after] = line.split(' - ');
    if (before === undefined || after === undefined) continue;
    const fields = before.split(' ');
    const [fstype, , superOptions = ''] = after.split(' ');
    const root = unescapeMount(fields[3] ?? '/');
    const mount = unescapeMount(fields[4] ?? '');
    if (fstype === 'cgroup2') {
      const path = memberships.find((m) => m.controllers.length === 0)?.path;
      if (path === undefined) continue;
      const own = inside(mount, root, path);
      const base = own === mount ? mount : dirname(own);
      result.push({ version: 2, mount, own, base, controllers: readText(join(base, 'cgroup.controllers')).trim().split(/\s+/) });
    } else if (fstype === 'cgroup') {
      const controllers = superOptions.split(',').filter((option) => option === 'memory' || option === 'cpuset');
      const membership = memberships.find((m) => controllers.some((c) => m.controllers.includes(c)));
      if (controllers.length === 0 || membership === undefined) continue;
      const own = inside(mount, root, membership.path);
      result.push({ version: 1, mount, own, base: own, controllers });
    }
  }
  return result;
}

/** The directory of a cgroup path as seen through a mount whose root may be below the hierarchy's root. */
function inside(mount: string, root: string, path: string): string {
  const relative = root === '/' ? path : path.startsWith(`${root}/`) ? path.slice(root.length) : path === root ? '/' : path;
  return relative === '/' ? mount : posix.join(mount, relative);
}

function enableV2(base: string, controller: Controller): void {
  const control = join(base, 'cgroup.subtree_control');
  const enabled = readText(control).trim().split(/\s+/);
  if (!enabled.includes(controller)) writeFileSync(control, `+${controller}\n`);
}

function applyLimit(hierarchy: Hierarchy, dir: string, controller: Controller, limits: Limits): void {
  if (controller === 'memory') {
    const bytes = String(limits.memoryBytes);
    if (hierarchy.version === 2) {
      writeFileSync(join(dir, 'memory.max'), bytes);
      // rctl's memoryuse is a limit on memory, not on memory plus what could be swapped out
      if (existsSync(join(dir, 'memory.swap.max'))) writeFileSync(join(dir, 'memory.swap.max'), '0');
    } else {
      writeFileSync(join(dir, 'memory.limit_in_bytes'), bytes);
      if (existsSync(join(dir, 'memory.memsw.limit_in_bytes'))) writeFileSync(join(dir, 'memory.memsw.limit_in_bytes'), bytes);
    }
    return;
  }
  const parent = dirname(dir);
  const available = parseCpuList(readText(join(parent, hierarchy.version === 2 ? 'cpuset.cpus.effective' : 'cpuset.effective_cpus')));
  if (hierarchy.version === 1) writeFileSync(join(dir, 'cpuset.mems'), readText(join(parent, 'cpuset.effective_mems')).trim());
  writeFileSync(join(dir, 'cpuset.cpus'), formatCpuList(chooseCpus(parent, dir, available, limits.cpus ?? available.length)));
}

/** potcpu's choice: the CPUs the fewest other pots are pinned to, lowest first. */
function chooseCpus(parent: string, own: string, available: readonly number[], count: number): number[] {
  const load = new Map(available.map((cpu) => [cpu, 0]));
  for (const entry of safeList(parent)) {
    const sibling = join(parent, entry);
    if (!entry.startsWith('pot-emulator-') || sibling === own) continue;
    for (const cpu of parseCpuList(readText(join(sibling, 'cpuset.cpus')))) if (load.has(cpu)) load.set(cpu, (load.get(cpu) ?? 0) + 1);
  }
  return [...available]
    .sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a - b)
    .slice(0, Math.max(1, count))
    .sort((a, b) => a - b);
}

/** `0-3,6` → [0, 1, 2, 3, 6] */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.trim().split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (match === null) continue;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    for (let cpu = first; cpu <= last; cpu += 1) cpus.push(cpu);
  }
  return cpus;
}

export function formatCpuList(cpus: readonly number[]): string {
  return cpus.join(',');
}

function makeDirectory(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** mountinfo escapes blanks, tabs, newlines and backslashes as octal. */
function unescapeMount(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = { EACCES: 'permission denied', EPERM: 'not permitted', EROFS: 'read-only', EBUSY: 'busy', ENOENT: 'not found' };
  return e.path !== undefined && e.code !== undefined ? `${e.path}: ${reasons[e.code] ?? e.code}` : e.message;
}
