/** Lets loops sleep until something changed (the plugin config), a time passed, or they were told to stop. */
export class ChangeSignal {
  readonly #waiters = new Set<() => void>();

  notify(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  /** `changed` on notify, `timeout` after `ms`, `aborted` when `signal` fires. */
  next(ms: number, signal: AbortSignal): Promise<'changed' | 'timeout' | 'aborted'> {
    if (signal.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const finish = (why: 'changed' | 'timeout' | 'aborted'): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.#waiters.delete(onChange);
        resolve(why);
      };
      const onChange = (): void => finish('changed');
      const onAbort = (): void => finish('aborted');
      const timer = setTimeout(() => finish('timeout'), ms);
      this.#waiters.add(onChange);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
