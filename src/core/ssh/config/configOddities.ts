/**
 * Bytes in an ssh config that editors hide but ssh does not: a UTF-8 byte order mark and NUL bytes.
 * What each one makes ssh do was measured with OpenSSH 9 (`ssh -G -F FILE`):
 * - a BOM becomes part of the first keyword ("Bad configuration option: \357\273\277host") and
 *   ssh refuses the whole file ("terminating, 1 bad configuration options");
 * - ssh reads a line only up to a NUL: the rest of that line is ignored (and if the NUL cuts a
 *   keyword, ssh refuses the file).
 */
export interface ConfigOddity {
  readonly kind: 'utf8-bom' | 'nul-byte';
  /** 1-based line. */
  readonly line: number;
  readonly message: string;
}

const maxNulReports = 5;

export function findConfigOddities(file: string, bytes: Uint8Array): ConfigOddity[] {
  const found: ConfigOddity[] = [];
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    found.push({
      kind: 'utf8-bom',
      line: 1,
      message:
        `${file} starts with a UTF-8 byte order mark (BOM). ssh reads it as part of the first keyword and refuses ` +
        'the whole file ("Bad configuration option"). Save the file as UTF-8 without BOM.',
    });
  }
  let line = 1;
  let nulLines = 0;
  let lastNulLine = 0;
  for (const byte of bytes) {
    if (byte === 0x0a) {
      line++;
    } else if (byte === 0 && line !== lastNulLine) {
      lastNulLine = line;
      if (++nulLines <= maxNulReports) {
        found.push({
          kind: 'nul-byte',
          line,
          message:
            `${file} line ${line} contains a NUL byte. ssh reads that line only up to it and ignores the rest ` +
            '(and refuses the file if the NUL cuts a keyword). Remove the NUL bytes.',
        });
      }
    }
  }
  return found;
}
