// Accepts the command line that @vscode/test-electron gives the VS Code executable
// (`--extensionDevelopmentPath=… --extensionTestsPath=… [folder] [flags]`), runs the suites in
// code-server + Chromium, and exits with their code. Flags meant for desktop VS Code (--no-sandbox,
// --disable-updates, --skip-welcome, …) have no meaning here and are ignored.
// The environment (runTests' extensionTestsEnv) passes on to code-server and so to the extension host.
// More than one --extensionDevelopmentPath: the first is the extension under test, the others are
// loaded beside it. --user-data-dir's User/settings.json, if any, gives the user settings.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { remoteSshStandInPath } from '../harness/paths';
import { runVscodeSuites } from '../harness/runSuites';

function valuesOf(args: string[], name: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith(`${name}=`)) found.push(args[i].slice(name.length + 1));
    else if (args[i] === name && args[i + 1] !== undefined) found.push(args[i + 1]);
  }
  return found;
}

function userSettings(userDataDir: string | undefined): Record<string, unknown> | undefined {
  const file = userDataDir && path.join(userDataDir, 'User', 'settings.json');
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
}

function valueOf(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
    if (args[i] === name) return args[i + 1];
  }
  return undefined;
}

async function main(args: string[]): Promise<number> {
  const extensionTestsPath = valueOf(args, '--extensionTestsPath');
  const [extensionDevelopmentPath, ...others] = valuesOf(args, '--extensionDevelopmentPath').map((dir) => path.resolve(dir));
  if (!extensionTestsPath || !extensionDevelopmentPath) {
    console.error('usage: code --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [folder]');
    return 2;
  }
  const valueFlags = new Set(['--extensionTestsPath', '--extensionDevelopmentPath', '--user-data-dir', '--extensions-dir', '--locale']);
  const folder = args.find((arg, i) => !arg.startsWith('-') && !valueFlags.has(args[i - 1] ?? ''));
  const timeoutMs = Number(process.env.RDS_VSCODE_HARNESS_TIMEOUT_MS);
  return runVscodeSuites({
    extensionDevelopmentPath,
    extensionTestsPath: path.resolve(extensionTestsPath),
    workspaceFolder: folder ? path.resolve(folder) : undefined,
    // The harness always loads the Remote-SSH stand-in; desktop VS Code gets it as a development path.
    extensionFolders: others.filter((dir) => dir !== path.resolve(remoteSshStandInPath)),
    settings: userSettings(valueOf(args, '--user-data-dir')),
    ...(Number.isFinite(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
