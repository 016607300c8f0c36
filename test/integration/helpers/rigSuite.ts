import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRig, type Rig } from '../../fixtures/rig/index';
import type { CheckId, DoctorReport } from '../../../src/core/doctor/doctor';
import { childProcessSnapshot, leftoverChildren } from './leaks';

export interface RigSuite {
  readonly rig: Rig;
  /** A private folder for the running test, removed after it. */
  readonly work: string;
}

/**
 * The lifecycle the rig-backed suites share, registered as the calling describe's hooks: one rig
 * for the suite, a fresh work folder per test, and no child process left behind by any test.
 */
export function rigSuite(workPrefix: string): RigSuite {
  let rig: Rig | undefined;
  let work: string | undefined;
  let childrenBefore: number[] = [];
  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.stop();
  });
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), workPrefix));
    childrenBefore = childProcessSnapshot();
  });
  afterEach(() => {
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
    assert.deepEqual(leftoverChildren([...childrenBefore, ...(rig?.daemonPids() ?? [])]), [], 'a test left child processes');
  });
  return {
    get rig() {
      assert.ok(rig, 'the rig is started in the suite\'s before hook');
      return rig;
    },
    get work() {
      assert.ok(work !== undefined, 'the work folder exists only inside a test');
      return work;
    },
  };
}

/** One check of a doctor report, failing the test when the report lacks it. */
export function checkOf(report: DoctorReport, id: CheckId) {
  const found = report.checks.find((entry) => entry.id === id);
  assert.ok(found, `report has ${id}: ${JSON.stringify(report.checks.map((entry) => entry.id))}`);
  return found;
}
