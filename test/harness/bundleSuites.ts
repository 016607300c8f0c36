import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import webpack from 'webpack';
import { repoRoot } from './paths';

/** The mocha entry every suite folder runs through (test/vscode/suite/index.ts). */
export const suiteIndexFile = path.join(repoRoot, 'test/vscode/suite/index.ts');

/**
 * Bundles the TypeScript suites in `suiteDir` (every *.test.ts, plus the mocha entry `indexFile`) into
 * CommonJS files the extension host can `require`, with the project's own webpack + ts-loader.
 * `vscode` comes from the host; mocha is required from the repository's node_modules at run time.
 * Returns the path of the bundled index.js (the extensionTestsPath).
 */
export async function bundleSuites(suiteDir: string, outDir: string, indexFile = suiteIndexFile): Promise<string> {
  const entry: Record<string, string> = { index: indexFile };
  for (const name of readdirSync(suiteDir)) {
    if (name.endsWith('.test.ts')) entry[name.replace(/\.ts$/, '')] = path.join(suiteDir, name);
  }
  await rm(outDir, { recursive: true, force: true });
  const compiler = webpack({
    target: 'node20',
    mode: 'development',
    context: repoRoot,
    entry,
    output: { path: outDir, filename: '[name].js', libraryTarget: 'commonjs2' },
    // mocha by absolute path, so a bundle works from any folder (fixture suites bundle to temp dirs).
    externals: { vscode: 'commonjs vscode', mocha: `commonjs ${createRequire(import.meta.url).resolve('mocha')}` },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: [{ loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'esnext' } } }],
        },
      ],
    },
    // index.js finds the *.test.js files next to it at run time.
    node: { __dirname: false, __filename: false },
    devtool: 'inline-source-map',
    infrastructureLogging: { level: 'warn' },
    stats: 'errors-warnings',
  });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error ?? new Error('webpack gave no result')) : resolve(result))),
  );
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  if (stats.hasErrors()) throw new Error(`bundling the suites in ${suiteDir} failed:\n${stats.toString('errors-only')}`);
  return path.join(outDir, 'index.js');
}
