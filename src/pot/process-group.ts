// pot is a shell script that forks helpers (fetch, zfs, jexec, ...). Killing only the script would leave those
// running and holding our pipes open, so short-lived pot commands run in their own process group and are
// killed as a group.

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/**
 * Sends `signal` to every process of the group led by `pgid`. Failures are ignored: the usual one is a group
 * that already ended (ESRCH), and this runs from timers, where a throw would bring the whole process down.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // nothing left to kill, or nothing we may kill
  }
}

/**
 * Remembers a group so that it is killed if this process exits while the command still runs (a detached group
 * is otherwise left behind). Returns the function that forgets it again.
 */
export function trackGroup(pgid: number): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const group of liveGroups) signalGroup(group, 'SIGKILL');
    });
  }
  liveGroups.add(pgid);
  return () => {
    liveGroups.delete(pgid);
  };
}

/** SIGTERM to the group now, SIGKILL after `graceMs` unless `cancel` is called first (the command ended). */
export function terminateGroup(pgid: number, graceMs: number): { cancel: () => void } {
  signalGroup(pgid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs);
  return { cancel: () => clearTimeout(timer) };
}
