import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// CPU time of other processes, from Linux's /proc: the service's process, and PostgreSQL's server
// with its backends. Lets a benchmark say where each unit of work spent the machine's cores.

const clockTicksPerSecond = 100; // USER_HZ on Linux

interface ProcessStat {
  readonly parent: number;
  /** user + system of the process itself, and of its children it has waited for, in ms */
  readonly ownMs: number;
  readonly reapedMs: number;
}

function stat(pid: number): ProcessStat | undefined {
  try {
    // the command name may hold spaces and parentheses: the fields start after the last ')'
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ms = (i: number) => (Number(fields[i]) * 1000) / clockTicksPerSecond;
    return { parent: Number(fields[1]), ownMs: ms(11) + ms(12), reapedMs: ms(13) + ms(14) };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** CPU ms a process has used so far. */
export function processCpuMs(pid: number): number {
  return stat(pid)?.ownMs ?? 0;
}

/** CPU ms a process and all its descendants have used so far (those it reaped included). */
export function processTreeCpuMs(rootPid: number): number {
  const stats = new Map<number, ProcessStat>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) stats.set(pid, s);
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid; p > 1; p = stats.get(p)?.parent ?? 0) if (p === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, s] of stats) if (inTree(pid)) total += s.ownMs + s.reapedMs;
  return total;
}

/** The PostgreSQL server's process id, from its data directory's postmaster.pid. */
export function postmasterPid(clusterDir: string): number {
  return Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}
