import type { TaskEvent } from '../types.js';

type TaskRef = { readonly id: string; readonly allocId: string; readonly taskName: string };

/** How many undelivered events one slow subscriber may hold before the oldest are dropped. */
const MAX_QUEUED = 1000;

/**
 * The driver's one stream of task events. Nomad subscribes once per plugin instance and re-subscribes at once
 * when a stream ends, so a subscription only ends when its caller goes away or the bus is closed.
 */
export class EventBus {
  readonly #subscribers = new Set<Subscriber>();
  #closed = false;

  emit(event: TaskEvent): void {
    for (const subscriber of this.#subscribers) subscriber.push(event);
  }

  /** Every event emitted from now on, until `signal` fires or the bus is closed. */
  async *subscribe(signal: AbortSignal): AsyncGenerator<TaskEvent> {
    if (this.#closed || signal.aborted) return;
    const subscriber = new Subscriber();
    this.#subscribers.add(subscriber);
    const onAbort = (): void => subscriber.end();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const event = await subscriber.next();
        if (event === undefined) return;
        yield event;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.#subscribers.delete(subscriber);
    }
  }

  /** Ends every subscription; used when the driver shuts down. */
  close(): void {
    this.#closed = true;
    for (const subscriber of this.#subscribers) subscriber.end();
  }
}

class Subscriber {
  readonly #queue: TaskEvent[] = [];
  #wake: (() => void) | undefined;
  #ended = false;

  push(event: TaskEvent): void {
    if (this.#ended) return;
    this.#queue.push(event);
    if (this.#queue.length > MAX_QUEUED) this.#queue.shift();
    this.#wake?.();
  }

  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async next(): Promise<TaskEvent | undefined> {
    while (this.#queue.length === 0) {
      if (this.#ended) return undefined;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
    return this.#queue.shift();
  }
}

/** An event about one task, routed by Nomad through its alloc id and task name. */
export function taskEvent(task: TaskRef, message: string, at: Date, annotations: Record<string, string> = {}): TaskEvent {
  return { taskId: task.id, allocId: task.allocId, taskName: task.taskName, timestamp: at, message, annotations };
}
