import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import webpack from 'webpack';
import { repoRoot } from './paths';

/**
 * Bundles the TypeScript suites under `suiteDir` (index.ts + every *.test.ts) into CommonJS files the
 * extension host can `require`, with the project's own webpack + ts-loader. `vscode` comes from the
 * host; mocha is required from the repository's node_modules at run time.
 * Returns the path of the bundled index.js (the extensionTestsPath).
 */
export async function bundleSuites(suiteDir: string, outDir: string): Promise<string> {
  const entry: Record<string, string> = { index: path.join(suiteDir, 'index.ts') };
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
    externals: { vscode: 'commonjs vscode', mocha: 'commonjs mocha' },
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
