// `npm run bench`: the benchmark is TypeScript (it drives the rig and the core directly); tsx loads it.
import { register } from 'tsx/esm/api';

register();
await import('./doctorBench.ts');
