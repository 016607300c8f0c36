import { readFile, stat } from 'node:fs/promises';
import { asFileWriteError, BadInputError } from '../../errors';
import { removeAbandonedTempFiles, writeFileAtomic } from '../../fs/atomicWrite';
import { withFileLock } from '../../fs/fileLock';
import { backupSuffix, type AddedHostBlock } from './addHost';

export interface RemoveAddedHostResult {
  readonly file: string;
  readonly backupFile: string;
}

/**
 * Takes out exactly the bytes addHost spliced in, and nothing else: the file is then what it was
 * before, byte for byte, plus whatever the user changed elsewhere since. When our block is no longer
 * there as we wrote it (the user edited it, or it appears twice and neither copy is at our offset)
 * nothing is changed: guessing which lines are ours could cut the user's own.
 */
export async function removeAddedHost(block: AddedHostBlock, options: { lockTimeoutMs?: number } = {}): Promise<RemoveAddedHostResult> {
  try {
    return await withFileLock(
      `${block.file}.lock`,
      async () => {
        await removeAbandonedTempFiles(block.file);
        let original: Buffer;
        try {
          original = await readFile(block.file);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            throw new BadInputError(`${block.file} no longer exists; nothing was changed.`);
          }
          throw error;
        }
        const ours = Buffer.from(block.text, 'utf8');
        const at = locate(original, ours, block.offset);
        if (at === undefined) {
          throw new BadInputError(`The block we added to ${block.file} has been edited since (or is there twice); nothing was changed. Remove it by hand.`);
        }
        const info = await stat(block.file);
        const mode = info.mode & 0o7777;
        const owner = { uid: info.uid, gid: info.gid };
        const backupFile = `${block.file}${backupSuffix}`;
        await writeFileAtomic(backupFile, original, { mode, ...owner });
        await writeFileAtomic(block.file, Buffer.concat([original.subarray(0, at), original.subarray(at + ours.length)]), { mode, ...owner });
        return { file: block.file, backupFile };
      },
      { timeoutMs: options.lockTimeoutMs },
    );
  } catch (error) {
    throw asFileWriteError(error, block.file);
  }
}

/** Our bytes at the recorded offset, else their only occurrence (lines above were added or removed since). */
function locate(file: Buffer, ours: Buffer, offset: number): number | undefined {
  if (ours.length === 0) {
    return undefined;
  }
  if (file.subarray(offset, offset + ours.length).equals(ours)) {
    return offset;
  }
  const first = file.indexOf(ours);
  return first !== -1 && file.indexOf(ours, first + 1) === -1 ? first : undefined;
}
