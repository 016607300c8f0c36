/**
 * How full the filesystem under the engine's data root (`docker info`'s DockerRootDir) is, from
 * `df -Pk` on the host: when it runs out, the engine still answers but pulls, builds and new
 * containers fail with "no space left on device".
 */
export interface DataRootSpace {
  readonly path: string;
  readonly mountPoint: string;
  readonly sizeKiB: number;
  readonly availableKiB: number;
}

/**
 * One `df -Pk` line: "Filesystem 1024-blocks Used Available Capacity Mounted-on". The filesystem
 * and the mount point may hold spaces, so the numbers are found by the Capacity field ("91%").
 */
export function parseDfLine(path: string, line: string): DataRootSpace | undefined {
  const fields = line.trim().split(/\s+/);
  const capacity = fields.findIndex((field, index) => index >= 4 && /^\d+%$/.test(field));
  if (capacity < 0) return undefined;
  const [sizeKiB, , availableKiB] = fields.slice(capacity - 3, capacity).map(Number);
  if (![sizeKiB, availableKiB].every(Number.isFinite) || sizeKiB <= 0) return undefined;
  return { path, mountPoint: fields.slice(capacity + 1).join(' '), sizeKiB, availableKiB };
}

/**
 * Nearly full when BOTH hold: less than 10 % is left (what a user calls a nearly full disk), and
 * less than 5 GiB (about one large image pull or build with its layers unpacked). The first alone
 * would warn about a 2 TB disk with 100 GB free; the second alone about every small disk.
 */
export const nearlyFullFreeFraction = 0.1;
export const nearlyFullFreeKiB = 5 * 1024 * 1024;

export function dataRootNearlyFull(space: DataRootSpace): boolean {
  return space.availableKiB < space.sizeKiB * nearlyFullFreeFraction && space.availableKiB < nearlyFullFreeKiB;
}

/** "1.5 GiB", "12 MiB": df's KiB in the unit a user reads. */
export function formatKiB(kiB: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = kiB;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
