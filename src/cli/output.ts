/** Where a CLI command writes. Tests pass buffers; the real CLI passes process streams. */
export interface CliStreams {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** Exit statuses fixed by DESIGN.md. */
export const ExitCode = { ok: 0, checkFailed: 1, badInput: 2 } as const;
