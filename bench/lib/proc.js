// CPU accounting from /proc (Linux): a process's utime+stime, and the machine's busy time.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const TICK_MS = 10; // USER_HZ is 100 on Linux x86_64

/** CPU milliseconds (user + system) a process has used so far, or null once it is gone. */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is fields[0]; utime is field 14 overall -> index 11 here, stime 12.
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** Machine-wide busy and total CPU milliseconds since boot (all cores). */
export function machineCpuMs() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = v;
  const busy = user + nice + system + irq + softirq + steal;
  return { busyMs: busy * TICK_MS, totalMs: (busy + idle + iowait) * TICK_MS, cores: cpus().length };
}

/** pids of the PostgreSQL server's own processes (postmaster, walwriter, checkpointer, ...), not client backends. */
export function postgresServerPids() {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const isServer = /\/bin\/postgres\0/.test(cmdline) ||
        /^postgres: \S+ (checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher|logger)/.test(cmdline);
      if (isServer) out.push(Number(entry));
    } catch {
      // the process went away
    }
  }
  return out;
}
