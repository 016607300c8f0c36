// Loaded by test/e2e/.mocharc.json before any e2e test: fail once, clearly, when the editor is not
// installed, and package the VSIX once (not per test file) when it is missing or stale.
import { ensureVsixPackaged } from '../harness/build';
import { assertCodeServerInstalled } from '../harness/codeServer';

export function mochaGlobalSetup(): void {
  assertCodeServerInstalled();
  ensureVsixPackaged();
}
