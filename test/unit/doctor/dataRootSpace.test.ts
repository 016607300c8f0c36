import assert from 'node:assert/strict';
import { dataRootNearlyFull, formatKiB, parseDfLine } from '../../../src/core/doctor/dataRootSpace';

describe('data root space (df -Pk under docker info\'s DockerRootDir)', () => {
  it('reads the numbers by the Capacity field, whatever spaces the filesystem and mount point hold', () => {
    assert.deepEqual(parseDfLine('/var/lib/docker', '/dev/sda1          20509264  19454304   1038000      95% /'), { path: '/var/lib/docker', mountPoint: '/', sizeKiB: 20509264, availableKiB: 1038000 });
    // macOS df -Pk names a mount point with spaces; a map or NAS filesystem name may have them too.
    assert.deepEqual(parseDfLine('/Volumes/Data Disk/docker', 'map auto home  1000 900 100 90% /Volumes/Data Disk'), { path: '/Volumes/Data Disk/docker', mountPoint: '/Volumes/Data Disk', sizeKiB: 1000, availableKiB: 100 });
  });

  it('gives up on a line that is not a df -P data line', () => {
    assert.equal(parseDfLine('/d', 'Filesystem 1024-blocks Used Available Capacity Mounted on'), undefined);
    assert.equal(parseDfLine('/d', 'df: /d: No such file or directory'), undefined);
    assert.equal(parseDfLine('/d', ''), undefined);
    assert.equal(parseDfLine('/d', 'none 0 0 0 0% /d'), undefined, 'a size of 0 (a pseudo filesystem) says nothing');
  });

  it('is nearly full only under 10 % free AND under 5 GiB free', () => {
    const gib = 1024 * 1024;
    const space = (sizeGiB: number, freeGiB: number) => ({ path: '/d', mountPoint: '/', sizeKiB: sizeGiB * gib, availableKiB: freeGiB * gib });
    assert.equal(dataRootNearlyFull(space(20, 1)), true, 'a 20 GB VM disk with 1 GB left');
    assert.equal(dataRootNearlyFull(space(40, 3.9)), true);
    assert.equal(dataRootNearlyFull(space(2000, 100)), false, '5 % of a 2 TB disk is still 100 GB');
    assert.equal(dataRootNearlyFull(space(40, 4.1)), false, 'just over 10 % left');
    assert.equal(dataRootNearlyFull(space(8, 4)), false, 'a small disk half empty');
    assert.equal(dataRootNearlyFull({ path: '/d', mountPoint: '/d', sizeKiB: 65536, availableKiB: 2560 }), true, 'the rig\'s 64 MiB tmpfs with 2.5 MiB left');
  });

  it('prints KiB in the unit a user reads', () => {
    assert.equal(formatKiB(512), '512 KiB');
    assert.equal(formatKiB(2560), '2.5 MiB');
    assert.equal(formatKiB(65536), '64 MiB');
    assert.equal(formatKiB(1038000), '1014 MiB');
    assert.equal(formatKiB(3 * 1024 * 1024 + 512 * 1024), '3.5 GiB');
  });
});
