/** A run that cannot be set up, supervised or found; the message says which run and why. */
export class RunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunError';
  }
}
