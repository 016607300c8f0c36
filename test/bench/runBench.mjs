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
// The Docker Hosts view's list at 10 and 1,000 hosts.
await import('./dockerHostsBench.ts');
// The real Docker extensions: seconds from the DOCKER_HOST write to their Containers view listing the rig's
// container, with our command (it refreshes their views) and with the same values written by hand.
await import('./dockerViewBench.ts');
