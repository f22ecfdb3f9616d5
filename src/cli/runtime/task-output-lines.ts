import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

const POLL_MS = 150;
const CHUNK = 64 * 1024;

/**
 * Follows a log file that a task appends to, handing over complete lines as they arrive. Polling, not
 * fs.watch: it behaves the same on FreeBSD, Linux and macOS, and a file that does not exist yet is
 * simply waited for.
 */
export class TaskOutputLines {
  #offset = 0;
  #partial = '';
  // A character split between two reads is decoded once both halves are in.
  readonly #decoder = new StringDecoder('utf8');
  #timer: NodeJS.Timeout | undefined;
  #reading: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(
    private readonly path: string,
    private readonly onLine: (line: string) => void,
  ) {}

  start(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    this.#timer = setInterval(() => this.#poll(), POLL_MS);
    this.#timer.unref();
    this.#poll();
  }

  /** Reads what is left, hands over a last unfinished line too, and stops. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#reading;
    await this.#read();
    if (this.#partial !== '') this.onLine(this.#partial);
    this.#partial = '';
  }

  #poll(): void {
    this.#reading = this.#reading.then(() => (this.#stopped ? undefined : this.#read()));
  }

  async #read(): Promise<void> {
    let size: number;
    try {
      size = (await stat(this.path)).size;
    } catch {
      return;
    }
    // A file that shrank was replaced or truncated: start again from its beginning.
    if (size < this.#offset) {
      this.#offset = 0;
      this.#decoder.end();
    }
    if (size === this.#offset) return;
    const fh = await open(this.path, 'r').catch(() => undefined);
    if (fh === undefined) return;
    try {
      const buf = Buffer.alloc(CHUNK);
      while (this.#offset < size) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, size - this.#offset), this.#offset);
        if (bytesRead === 0) break;
        this.#offset += bytesRead;
        this.#emit(this.#decoder.write(buf.subarray(0, bytesRead)));
      }
    } finally {
      await fh.close();
    }
  }

  #emit(text: string): void {
    const lines = (this.#partial + text).split('\n');
    this.#partial = lines.pop() ?? '';
    for (const line of lines) this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
