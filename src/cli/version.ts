// The bundler inlines only the field read here (webpack tree-shakes JSON), so the CLI reports
// the version of the package it was built from and does not need package.json at run time.
import manifest from '../../package.json';

export const cliVersion: string = manifest.version;
