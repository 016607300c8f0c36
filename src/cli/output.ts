/** Where a CLI command writes. Tests pass buffers; the real CLI passes process streams. */
export interface CliStreams {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Exit statuses fixed by DESIGN.md; 3: a config file could not be written (read-only, disk full), nothing changed. */
export const ExitCode = { ok: 0, checkFailed: 1, badInput: 2, writeFailed: 3 } as const;
