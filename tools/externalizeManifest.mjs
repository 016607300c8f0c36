#!/usr/bin/env node
// Moves the user-facing strings of package.json into package.nls.json and leaves `%key%` in their
// place. Idempotent: strings that already are `%key%` stay, so it can be run again after a branch
// adds commands, settings or walkthrough steps. The key names (see manifestStrings.mjs) follow the
// thing they describe, so a merge conflict in package.nls.json is a conflict about the same text.
//   node tools/externalizeManifest.mjs          rewrite package.json and package.nls.json
//   node tools/externalizeManifest.mjs --check  exit 1 if a user-facing string is still inline
import { readFileSync, writeFileSync } from 'node:fs';
import { moveStringsToNls } from './manifestStrings.mjs';

const check = process.argv.includes('--check');
const manifestText = readFileSync('package.json', 'utf8');
const manifest = JSON.parse(manifestText);
let nls = {};
try {
  nls = JSON.parse(readFileSync('package.nls.json', 'utf8'));
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}

const inline = moveStringsToNls(manifest, nls);

if (check) {
  if (inline.length > 0) {
    console.error(`package.json has user-facing strings not in package.nls.json: ${inline.join(', ')}\nRun: node tools/externalizeManifest.mjs`);
    process.exit(1);
  }
  process.exit(0);
}
writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync('package.nls.json', `${JSON.stringify(nls, null, 2)}\n`);
console.log(`${inline.length} string(s) moved to package.nls.json`);
