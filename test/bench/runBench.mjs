// `npm run bench`: the benchmark is TypeScript (it drives the rig and the core directly); tsx loads it.
import { register } from 'tsx/esm/api';

register();
await import('./doctorBench.ts');
// The Docker explorer's refresh with and without connection reuse (hosts reuse).
await import('./reuseBench.ts');
// The VS Code side: bundle size of dist/extension.js and activate() time in the real extension host.
await import('./extensionBench.ts');
// The CLI on large ssh configs (uses the dist/ that extensionBench.ts just built).
await import('./hostsBench.ts');
