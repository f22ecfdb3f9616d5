/**
 * pot commands that must not run at the same time on one host. pot's `set-hosts` writes through a temp file
 * whose name is fixed (its mktemp template has no X's), so two of them at once collide and one fails with
 * only mktemp's "File exists". This process runs them one after the other; the plugin is the one process
 * that starts jails on a Nomad node.
 */
const chains = new Map<string, Promise<unknown>>();

/** Pot subcommands that share host-wide state and must run one at a time. */
const HOST_SERIAL_COMMANDS: ReadonlySet<string> = new Set(['set-hosts']);

export function isHostSerial(subcommand: string | undefined): boolean {
  return subcommand !== undefined && HOST_SERIAL_COMMANDS.has(subcommand);
}

/** Runs `fn` once every earlier call for the same `key` has settled; a failure does not stop the next one. */
export function oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = chains.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  chains.set(key, settled);
  void settled.then(() => {
    if (chains.get(key) === settled) chains.delete(key);
  });
  return run;
}
