// Accepts the command line that @vscode/test-electron gives the VS Code executable
// (`--extensionDevelopmentPath=… --extensionTestsPath=… [folder] [flags]`), runs the suites in
// code-server + Chromium, and exits with their code. Flags meant for desktop VS Code (--no-sandbox,
// --disable-updates, --skip-welcome, …) have no meaning here and are ignored.
// The environment (runTests' extensionTestsEnv) passes on to code-server and so to the extension host.
import path from 'node:path';
import { runVscodeSuites } from '../harness/runSuites';

function valueOf(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
    if (args[i] === name) return args[i + 1];
  }
  return undefined;
}

async function main(args: string[]): Promise<number> {
  const extensionTestsPath = valueOf(args, '--extensionTestsPath');
  const extensionDevelopmentPath = valueOf(args, '--extensionDevelopmentPath');
  if (!extensionTestsPath || !extensionDevelopmentPath) {
    console.error('usage: code --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [folder]');
    return 2;
  }
  const valueFlags = new Set(['--extensionTestsPath', '--extensionDevelopmentPath', '--user-data-dir', '--extensions-dir', '--locale']);
  const folder = args.find((arg, i) => !arg.startsWith('-') && !valueFlags.has(args[i - 1] ?? ''));
  return runVscodeSuites({
    extensionDevelopmentPath: path.resolve(extensionDevelopmentPath),
    extensionTestsPath: path.resolve(extensionTestsPath),
    workspaceFolder: folder ? path.resolve(folder) : undefined,
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
