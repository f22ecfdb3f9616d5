/**
 * A function call that failed, with HCL's own wording: the message is `summary; detail`, e.g.
 * `Invalid function argument; Invalid value for "str" parameter: string required.`
 */
export class FunctionCallError extends Error {
  readonly summary: string;
  readonly detail: string;
  /** The argument at fault, when the failure is about one argument. */
  readonly argIndex?: number;
  constructor(summary: string, detail: string, argIndex?: number) {
    super(`${summary}; ${detail}`);
    this.name = 'FunctionCallError';
    this.summary = summary;
    this.detail = detail;
    if (argIndex !== undefined) this.argIndex = argIndex;
  }
}

/** Thrown by an implementation when one argument's value is unacceptable (cty's function.ArgError). */
export class ArgError extends Error {
  readonly index: number;
  constructor(index: number, message: string) {
    super(message);
    this.name = 'ArgError';
    this.index = index;
  }
}

/** Thrown by an implementation when the call as a whole cannot produce a result. */
export class CallFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallFailure';
  }
}
