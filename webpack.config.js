// @ts-check
'use strict';
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');

/** dist/cli.js is the package's `bin`: run directly (./dist/cli.js, npm link) it must be executable. */
class MakeCliExecutable {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    compiler.hooks.afterEmit.tap('MakeCliExecutable', (compilation) => {
      const cli = path.join(compilation.outputOptions.path ?? '', 'cli.js');
      if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
    });
  }
}

/**
 * Two bundles from one source tree: the extension (loaded by VS Code's extension host, which
 * provides `vscode`) and the CLI (plain Node). Both target Node 20, the runtime of the host.
 * @param {unknown} _env
 * @param {{ mode?: string }} argv
 * @returns {import('webpack').Configuration}
 */
module.exports = (_env, argv) => {
  const production = argv.mode === 'production';
  return {
    target: 'node20',
    mode: production ? 'production' : 'development',
    entry: {
      extension: './src/extension.ts',
      cli: './src/cli.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      // The lazily loaded part of the extension (see registerCommands.ts): one file, loaded on first use.
      chunkFilename: 'chunks/[name].js',
      libraryTarget: 'commonjs2',
      clean: true,
    },
    externals: { vscode: 'commonjs vscode' },
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
    // Source maps stay next to the bundle for debugging; .vscodeignore keeps them out of the VSIX.
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    // splitChunks off: the lazy part stays one file instead of being cut into a vendors chunk and the rest.
    optimization: { minimize: production, splitChunks: false },
    plugins: [
      // webpack drops the `#!` line of src/cli.ts; without it a shell runs the bundle as a script.
      new webpack.BannerPlugin({ banner: '#!/usr/bin/env node', raw: true, entryOnly: true, include: /^cli\.js$/ }),
      new MakeCliExecutable(),
    ],
    performance: { hints: false },
    infrastructureLogging: { level: 'warn' },
  };
};
