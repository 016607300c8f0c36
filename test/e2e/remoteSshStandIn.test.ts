import { strict as assert } from 'node:assert';
import { remoteSshStandInPath } from '../harness/paths';
import { Workbench } from './workbench';

// e2e tests of the Remote-SSH path read what our extension asked of Remote-SSH from the stand-in's log.
describe('the Remote-SSH stand-in in a real workbench', () => {
  describe('with its log file named', () => {
    let workbench: Workbench | undefined;
    before(async () => {
      workbench = await Workbench.open({ remoteSshStandIn: true });
    });
    after(async () => {
      await workbench?.close();
    });

    // The whole path with a call made in the UI: palette → stand-in → log → test.
    it('records a command run from the palette, and nothing else', async () => {
      assert.deepEqual(workbench!.standInCalls(), []);
      await workbench!.runCommand('Remote-SSH (stand-in): Connect to Host...');
      const deadline = Date.now() + 15_000;
      while (workbench!.standInCalls().length === 0 && Date.now() < deadline) await workbench!.page.waitForTimeout(100);
      const calls = workbench!.standInCalls();
      assert.equal(calls.length, 1, JSON.stringify(calls));
      assert.equal(calls[0].command, 'opensshremotes.openEmptyWindow');
      assert.deepEqual(calls[0].args, []);
      // It never connects: the window is still the local workbench on our folder.
      assert.equal(new URL(workbench!.page.url()).searchParams.get('folder'), workbench!.server.workspaceFolder);
    });
  });

  describe('without a log file', () => {
    let workbench: Workbench | undefined;
    before(async () => {
      workbench = await Workbench.open({ installVsix: false, extensionFolders: [remoteSshStandInPath] });
    });
    after(async () => {
      await workbench?.close();
    });

    // A test that forgot REMOTE_SSH_STAND_IN_LOG must not see a silent success.
    it('fails the call loudly, in an error dialog', async () => {
      await workbench!.runCommand('Remote-SSH (stand-in): Connect to Host...');
      const dialog = await workbench!.waitForDialog(/REMOTE_SSH_STAND_IN_LOG/);
      assert.match(await dialog.innerText(), /opensshremotes\.openEmptyWindow was called, but REMOTE_SSH_STAND_IN_LOG names no log file/);
      await workbench!.clickDialogButton('OK');
    });
  });
});
