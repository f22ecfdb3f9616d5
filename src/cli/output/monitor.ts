import { shortAllocId } from '../../nomad/ids.js';
import type { AllocRecord, RunRecord, TaskRecord } from '../state/run-record.js';
import type { RunChange, RunObserver, TaskChange, TaskChangeKind } from '../runtime/run-events.js';
import type { Spinner } from './spinner.js';
import type { Painter } from './style.js';

export interface MonitorOptions {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  format: 'text' | 'json';
  paint: Painter;
  /** A terminal spinner while tasks are being prepared; none on pipes, files and in JSON. */
  spinner?: Spinner;
}

const TONE: Partial<Record<TaskChangeKind, 'green' | 'red' | 'yellow' | 'dim'>> = {
  started: 'green',
  completed: 'green',
  failed: 'red',
  exited: 'yellow',
  restarting: 'yellow',
  killing: 'yellow',
  skipped: 'dim',
  cancelled: 'dim',
};

/** `2026-11-29T16:40:01Z`: Nomad's monitor shows whole seconds. */
export function monitorTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `web[0].nginx`: how a task's log lines are prefixed. */
export function taskLabel(alloc: Pick<AllocRecord, 'group' | 'index'>, task: string): string {
  return `${alloc.group}[${alloc.index}].${task}`;
}

/**
 * Shows a run as it goes, in the manner of Nomad's monitor: one timestamped line per task state change
 * (`==> 2026-11-29T16:40:01Z: Task "web" (web[0], alloc 5e0b39f0) started`), and the tasks' output
 * with a prefix, stdout to stdout and stderr to stderr. With `format: 'json'`, one JSON object per line.
 */
export class Monitor implements RunObserver {
  readonly #preparing = new Map<TaskRecord, string>();

  constructor(private readonly opts: MonitorOptions) {}

  /** What the run is about to do: its id, and each allocation with its ports. */
  header(record: RunRecord, time: Date): void {
    if (this.opts.format === 'json') {
      this.#json({ time: time.toISOString(), type: 'run', event: 'created', run_id: record.id, job: record.job, allocs: record.allocs.map((a) => ({ id: a.id, group: a.group, index: a.index, ports: portMap(a) })) });
      return;
    }
    const n = record.allocs.length;
    this.#line(`Run "${record.id}" of job "${record.job}": ${n} allocation${n === 1 ? '' : 's'}`, time);
    for (const a of record.allocs) {
      const ports = a.ports.map((p) => `${p.label}=${p.hostPort}`).join(' ');
      this.#line(`Allocation "${shortAllocId(a.id)}" (${a.group}[${a.index}]) created${ports ? `, ports ${ports}` : ''}`, time);
    }
  }

  task(change: TaskChange): void {
    const { alloc, task } = change;
    if (change.kind === 'preparing') this.#preparing.set(task, taskLabel(alloc, task.name));
    else this.#preparing.delete(task);
    this.#updateSpinner();
    if (this.opts.format === 'json') {
      this.#json({ time: change.time.toISOString(), type: 'task', event: change.kind, alloc_id: alloc.id, group: alloc.group, index: alloc.index, task: task.name, message: change.text });
    } else if (change.kind !== 'preparing') {
      const tone = TONE[change.kind];
      const text = tone ? this.opts.paint(tone, change.text) : change.text;
      this.#line(`Task "${task.name}" (${alloc.group}[${alloc.index}], alloc ${shortAllocId(alloc.id)}) ${text}`, change.time);
    }
  }

  run(change: RunChange): void {
    const { record } = change;
    if (this.opts.format === 'json') {
      this.#json({ time: change.time.toISOString(), type: 'run', event: change.kind, run_id: record.id, status: record.status });
      return;
    }
    if (change.kind === 'stopping') this.#line(`Stopping run "${record.id}": each task gets its kill signal and kill timeout (interrupt again to stop at once)`, change.time);
    else if (change.kind === 'forcing') this.#line(`Stopping run "${record.id}" at once`, change.time);
    else this.#line(`Run "${record.id}" ${record.status === 'failed' ? this.opts.paint('red', 'failed') : record.status}`, change.time);
  }

  /** One line of a task's output. */
  log(alloc: AllocRecord, task: string, stream: 'stdout' | 'stderr', line: string): void {
    if (this.opts.format === 'json') {
      this.#json({ time: new Date().toISOString(), type: 'log', alloc_id: alloc.id, group: alloc.group, index: alloc.index, task, stream, line });
      return;
    }
    const out = stream === 'stdout' ? this.opts.stdout : this.opts.stderr;
    this.#write(out, `${this.opts.paint('cyan', taskLabel(alloc, task))} ${this.opts.paint('dim', '|')} ${line}\n`);
  }

  close(): void {
    this.#preparing.clear();
    this.opts.spinner?.stop();
  }

  #updateSpinner(): void {
    const labels = [...new Set(this.#preparing.values())];
    this.opts.spinner?.set(labels.length === 0 ? undefined : `preparing ${labels.join(', ')}`);
  }

  #line(text: string, time: Date): void {
    this.#write(this.opts.stdout, `${this.opts.paint('bold', '==>')} ${monitorTime(time)}: ${text}\n`);
  }

  #json(value: Record<string, unknown>): void {
    this.#write(this.opts.stdout, `${JSON.stringify(value)}\n`);
  }

  #write(stream: NodeJS.WritableStream, text: string): void {
    if (this.opts.spinner) this.opts.spinner.print(stream, text);
    else stream.write(text);
  }
}

function portMap(a: AllocRecord): Record<string, number> {
  return Object.fromEntries(a.ports.map((p) => [p.label, p.hostPort]));
}
