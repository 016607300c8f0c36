import { neutraliseControls } from '../core/displayText';

/** Where a CLI command writes. Tests pass buffers; the real CLI passes process streams. */
export interface CliStreams {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Exit statuses fixed by DESIGN.md; 3: a config file could not be written (read-only, disk full), nothing changed. */
export const ExitCode = { ok: 0, checkFailed: 1, badInput: 2, writeFailed: 3 } as const;

/**
 * Streams whose every write has its control and bidi characters neutralised: for commands whose
 * whole output is plain text quoting the config or the host (hosts, trust-host, docker-host, errors).
 * The doctor's text report neutralises per field instead, because its colours are ours.
 */
export function neutralisedStreams(io: CliStreams): CliStreams {
  const wrap = (stream: CliStreams['stdout']): CliStreams['stdout'] => ({
    write: (text: string) => stream.write(neutraliseControls(text)),
    isTTY: stream.isTTY,
  });
  return { stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}
