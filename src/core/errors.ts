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

/**
 * The config file could not be written (read-only folder or file system, full disk, quota, no
 * permission). Nothing was changed: the original is intact and no lock or temp file is left.
 * The CLI maps it to exit status 3, so scripts can tell it from a failed check (1) and bad input (2).
 */
export class FileWriteError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly errno: string,
  ) {
    super(`Could not write ${file}: ${reason} Nothing was changed.`);
    this.name = 'FileWriteError';
  }
}

const writeFailureReasons: Record<string, string> = {
  EACCES: 'permission denied (the folder or the file is not writable by you).',
  EPERM: 'the operation is not permitted (the folder or the file is not writable by you).',
  EROFS: 'the file system is mounted read-only.',
  ENOSPC: 'the disk is full.',
  EDQUOT: 'your disk quota is used up.',
};

/** Turns an errno of a failed write into a FileWriteError; any other error is returned as is. */
export function asFileWriteError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && Object.hasOwn(writeFailureReasons, code)) {
    return new FileWriteError(file, writeFailureReasons[code], code);
  }
  return error;
}
