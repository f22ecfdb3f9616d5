import { TaskNotFoundError } from './errors.js';
import type { TaskHandle } from './handle.js';

/** The tasks this process knows, by task id, plus the ids whose start is under way. */
export class TaskStore {
  readonly #handles = new Map<string, TaskHandle>();
  readonly #starting = new Set<string>();
  /** Tasks whose recovery failed on a damaged handle, with the jail their id names: DestroyTask removes it. */
  readonly #unrecovered = new Map<string, { potName: string; potBin: string }>();
  /** Ids this process destroyed, the newest last: a DestroyTask Nomad repeats costs no pot call. */
  readonly #destroyed = new Set<string>();

  get(id: string): TaskHandle | undefined {
    return this.#handles.get(id);
  }

  /** The handle, or TaskNotFoundError. */
  require(id: string): TaskHandle {
    const handle = this.#handles.get(id);
    if (handle === undefined) throw new TaskNotFoundError(id);
    return handle;
  }

  has(id: string): boolean {
    return this.#handles.has(id) || this.#starting.has(id);
  }

  /** Reserves an id for a start; false when the id is known or already being started. */
  reserve(id: string): boolean {
    if (this.has(id)) return false;
    this.#starting.add(id);
    return true;
  }

  release(id: string): void {
    this.#starting.delete(id);
  }

  /** Stores the handle and ends a reservation of its id. */
  add(handle: TaskHandle): void {
    this.#starting.delete(handle.id);
    this.#handles.set(handle.id, handle);
  }

  delete(id: string): boolean {
    return this.#handles.delete(id);
  }

  /** Forgets the task and remembers that it was destroyed. */
  destroyed(id: string): void {
    this.#handles.delete(id);
    this.#destroyed.delete(id);
    this.#destroyed.add(id);
    // Enough for the repeats of recent DestroyTasks; older ids cost one pot call if they ever come again.
    if (this.#destroyed.size > 4096) this.#destroyed.delete(this.#destroyed.values().next().value as string);
  }

  wasDestroyed(id: string): boolean {
    return this.#destroyed.has(id);
  }

  /** Every id known or being started. */
  ids(): string[] {
    return [...new Set([...this.#handles.keys(), ...this.#starting])];
  }

  /** Remembers the jail of a task that could not be recovered, for the DestroyTask Nomad sends next. */
  markUnrecovered(id: string, jail: { potName: string; potBin: string }): void {
    this.#unrecovered.set(id, jail);
  }

  /** The jail of a task that could not be recovered, forgotten once taken. */
  takeUnrecovered(id: string): { potName: string; potBin: string } | undefined {
    const jail = this.#unrecovered.get(id);
    this.#unrecovered.delete(id);
    return jail;
  }

  all(): TaskHandle[] {
    return [...this.#handles.values()];
  }
}
