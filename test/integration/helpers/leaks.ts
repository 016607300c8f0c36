import { readFileSync, readdirSync } from 'node:fs';

function parentOf(pid: number): { ppid: number; state: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0], ppid: Number(rest[1]) };
  } catch {
    return undefined;
  }
}

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
    const self = parentOf(pid);
    if (!self || self.state === 'Z') continue;
    let belongs = false;
    for (let hops = 0; hops < 64; hops++) {
      const stat = parentOf(pid);
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
