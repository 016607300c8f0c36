import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/vscode-server/**', 'artifacts/**', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The core serves the CLI, the walkthrough and the tests: it must run without VS Code.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core never imports vscode (src/README.md).' }],
        patterns: [{ group: ['./vscode', './vscode/**', '../**/vscode', '../**/vscode/**'], message: 'src/core never imports src/vscode (src/README.md).' }],
      }],
    },
  },
  {
    // The CLI is plain Node: it reaches the checks through src/core only.
    files: ['src/cli.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The CLI never imports vscode (src/README.md).' }],
        patterns: [{ group: ['./vscode', './vscode/**', '../**/vscode', '../**/vscode/**'], message: 'The CLI never imports src/vscode (src/README.md).' }],
      }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Fixture extensions are plain CommonJS, loaded by the extension host as they are.
    files: ['test/fixtures/extensions/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' } },
  },
);
