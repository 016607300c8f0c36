// The entry the extension host loads as `extensionTestsPath` (bundled to out/vscode-suites/index.js).
// It runs every bundled *.test.js next to it with mocha, inside the real extension host, and writes
// mocha's report to the file the runner named in RDS_VSCODE_TEST_REPORT: the host's own stdout is not
// where the runner can read it.
import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

function reportLine(...args: unknown[]): void {
  const line = format(...args) + '\n';
  const reportFile = process.env.RDS_VSCODE_TEST_REPORT;
  if (reportFile) appendFileSync(reportFile, line);
  else process.stdout.write(line);
}

export async function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = reportLine;
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: process.env.RDS_VSCODE_TEST_COLOR === '1',
    timeout: Number(process.env.RDS_VSCODE_TEST_TIMEOUT_MS ?? 60_000),
    ...(process.env.RDS_VSCODE_TEST_GREP ? { grep: process.env.RDS_VSCODE_TEST_GREP } : {}),
  });
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}`);
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (error) {
      reportLine('Loading the suites failed:', error);
      reject(error);
    }
  });
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
