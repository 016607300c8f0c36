// Types for tools/manifestStrings.mjs, so the unit tests can use it under tsc.
export interface ManifestString {
  readonly key: string;
  get(): string;
  set(value: string): void;
}
export function manifestStrings(manifest: unknown): ManifestString[];
export function moveStringsToNls(manifest: unknown, nls: Record<string, string>, options?: { overwrite?: boolean }): string[];
