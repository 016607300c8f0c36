import { readFileSync, readdirSync } from 'node:fs';
import { procStat } from '../../fixtures/rig/processes';

/** The processes below this one right now (tsx's esbuild service, the rig's daemons…). */
export function childProcessSnapshot(): number[] {
  return leftoverChildren([]).map((line) => Number(line.split(' ')[0]));
}

/**
 * Live processes below this test process, not counting `known` ones (and what runs under them):
 * whatever a doctor run started and did not end.
 */
export function leftoverChildren(known: readonly number[]): string[] {
  const excluded = new Set(known);
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let pid = Number(name);
    const start = pid;
    const self = procStat(pid);
    if (!self || self.state === 'Z') continue;
    let belongs = false;
    for (let hops = 0; hops < 64; hops++) {
      const stat = procStat(pid);
      if (!stat || excluded.has(pid)) break;
      if (stat.ppid === process.pid) {
        belongs = true;
        break;
      }
      if (stat.ppid <= 1) break;
      pid = stat.ppid;
    }
    if (belongs) found.push(`${start} ${readFileSync(`/proc/${start}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()}`);
  }
  return found;
}
