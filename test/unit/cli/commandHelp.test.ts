import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { commandHelp } from '../../../src/cli/commandHelp';
import { runCli } from '../../../src/cli/runCli';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

describe('CLI help, version and parse errors', () => {
  it('--help lists every command with one line, and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    assert.equal(code, 0);
    for (const command of commandHelp) assert.match(stdout, new RegExp(`^  ${command.name} +${command.summary.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  });

  it('no arguments prints the overview on stderr and exits 2', async () => {
    const { code, stdout, stderr } = await cli([]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^Commands:$/m);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    assert.deepEqual(await cli(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  for (const command of commandHelp) {
    const argv = command.name.split(' ');

    it(`${command.name} --help explains ${command.takesTarget ? 'TARGET, ' : ''}every option and the exit codes`, async () => {
      const { code, stdout } = await cli([...argv, '--help']);
      assert.equal(code, 0);
      assert.match(stdout, new RegExp(`^Usage: remote-docker-ssh ${command.name} `));
      if (command.takesTarget) assert.match(stdout, /TARGET is a Host alias from the ssh config, or \[user@\]host\[:port\]/);
      for (const option of command.options) assert.match(stdout, new RegExp(`^  --${option.name}\\b`, 'm'));
      assert.match(stdout, /^Exit status:\n {2}0 .*\n {2}1 .*\n {2}2 {2}bad input/m);
    });

    // Each option the help names must be one the parser knows: a missing value is then our
    // "needs a value" (or "takes no value" for a flag given one), never "Unknown option".
    for (const option of command.options) {
      it(`${command.name}: --${option.name} is known to the parser; a bad use names it and exits 2`, async () => {
        const args = option.value ? [...argv, `--${option.name}`] : [...argv, `--${option.name}=yes`];
        const { code, stderr } = await cli(args);
        assert.equal(code, 2);
        assert.equal(stderr, `remote-docker-ssh: --${option.name} ${option.value ? 'needs a value' : 'takes no value'} (see: remote-docker-ssh ${command.name} --help).\n`);
      });
    }

    it(`${command.name}: an unknown option is named, in our words, with exit 2`, async () => {
      const { code, stderr } = await cli([...argv, '--frobnicate', 'x']);
      assert.equal(code, 2);
      assert.equal(stderr, `remote-docker-ssh: Unknown option '--frobnicate' for "${command.name}" (see: remote-docker-ssh ${command.name} --help).\n`);
    });
  }

  it('a string option followed by an option asks for --opt=VALUE instead of taking it', async () => {
    const { code, stderr } = await cli(['doctor', 'host', '--config', '-x']);
    assert.equal(code, 2);
    assert.match(stderr, /--config needs a value, but the next argument looks like an option; write --config=VALUE/);
  });

  it('an unknown command or top-level option names it and lists the commands, exit 2', async () => {
    assert.deepEqual(await cli(['frob']), {
      code: 2,
      stdout: '',
      stderr: 'remote-docker-ssh: unknown command "frob"; the commands are: doctor, trust-host, hosts, docker-host (see: remote-docker-ssh --help).\n',
    });
    assert.match((await cli(['--frob'])).stderr, /unknown option '--frob'/);
  });
});
