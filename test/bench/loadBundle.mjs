// Loads one extension bundle in plain node, with a stand-in for the `vscode` module (only the editor
// has the real one; at load time a bundle only reads members of it), and prints how long node took to
// read, compile and run the file: the extension host's code-loading time for it, without activate().
//   node test/bench/loadBundle.mjs FILE
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const standIn = new Proxy(function vscode() {}, {
  get: (_target, key) => (key === Symbol.toPrimitive ? () => '' : standIn),
  apply: () => standIn,
  construct: () => standIn,
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? standIn : load.call(this, request, ...rest);
};
const require = createRequire(import.meta.url);
const started = performance.now();
require(path.resolve(process.argv[2]));
process.stdout.write(JSON.stringify({ loadMs: performance.now() - started }));
