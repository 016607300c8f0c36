import { BadInputError } from '../core/errors';

/** `--timeout SECONDS`: a positive number, at most ten minutes. */
export function parseTimeoutSeconds(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    throw new BadInputError(`--timeout must be a number of seconds between 0 and 600, not "${text}"`);
  }
  return seconds;
}
