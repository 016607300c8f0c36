// @ts-check
'use strict';
const path = require('path');

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
    optimization: { minimize: production },
    performance: { hints: false },
    infrastructureLogging: { level: 'warn' },
  };
};
