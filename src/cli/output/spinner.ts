const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const INTERVAL_MS = 80;

/**
 * A one-line spinner on a terminal stream, drawn only while there is something to say. Anything else
 * written to the terminal goes through `print`, which clears the spinner's line first and redraws it
 * after, so the two never garble each other.
 */
export class Spinner {
  #text: string | undefined;
  #frame = 0;
  #timer: NodeJS.Timeout | undefined;
  #drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  /** Shows `text` next to the spinner, or hides it when undefined. */
  set(text: string | undefined): void {
    this.#text = text;
    if (text === undefined) {
      this.#clear();
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.#draw();
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => {
        this.#frame = (this.#frame + 1) % FRAMES.length;
        this.#draw();
      }, INTERVAL_MS);
      this.#timer.unref();
    }
  }

  /** Writes text to a stream without disturbing the spinner. */
  print(stream: NodeJS.WritableStream, text: string): void {
    this.#clear();
    stream.write(text);
    if (this.#text !== undefined) this.#draw();
  }

  stop(): void {
    this.set(undefined);
  }

  #draw(): void {
    if (this.#text === undefined) return;
    const width = this.stream.columns > 4 ? this.stream.columns - 1 : 79;
    const line = `${FRAMES[this.#frame]} ${this.#text}`;
    this.stream.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    this.#drawn = true;
  }

  #clear(): void {
    if (!this.#drawn) return;
    this.stream.write('\r\x1b[K');
    this.#drawn = false;
  }
}
