/**
 * Input that we refuse before touching anything. The CLI maps it to exit status 2 and the
 * VS Code adapter shows its message as is, so the message must name the problem plainly.
 */
export class BadInputError extends Error {
  readonly code = 'bad-target';
  constructor(message: string) {
    super(message);
    this.name = 'BadInputError';
  }
}

export function isBadInput(error: unknown): error is BadInputError {
  return error instanceof BadInputError;
}
