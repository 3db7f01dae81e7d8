// CPU and memory of processes from /proc (Linux), as pidusage would read them, without a dependency.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports CPU times in clock ticks; USER_HZ is 100 on every mainstream architecture. */
export const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcessSnapshot {
  /** User + system CPU time since the process started, in seconds. */
  cpuSeconds: number;
  /** Resident set size, in bytes. */
  rssBytes: number;
}

/** utime + stime from the text of /proc/<pid>/stat (the command name may contain spaces and parentheses). */
export function parseCpuSeconds(statText: string): number {
  const afterName = statText.slice(statText.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of the whole line are utime and stime; field 3 (state) is index 0 here.
  const utime = Number(afterName[11]);
  const stime = Number(afterName[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error('unreadable /proc/<pid>/stat');
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** VmRSS from the text of /proc/<pid>/status, in bytes. */
export function parseRssBytes(statusText: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(statusText);
  if (!match) throw new Error('no VmRSS in /proc/<pid>/status');
  return Number(match[1]) * 1024;
}

/** A snapshot of one process, or undefined when it is gone. */
export function readProcess(pid: number): ProcessSnapshot | undefined {
  try {
    return {
      cpuSeconds: parseCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8')),
      rssBytes: parseRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8')),
    };
  } catch {
    return undefined;
  }
}

/** Pids of every process whose command name (comm) is `name`: the machine's postgres backends, nats-server. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // It exited while we looked.
    }
  }
  return pids;
}

/** A set of processes measured as one (a part, or every postgres process), summed. */
export interface ProcessGroup {
  name: string;
  pids: () => number[];
}

export interface GroupUsage {
  name: string;
  /** Average CPU over the interval, in percent of one core. */
  cpuPercent: number;
  /** Largest RSS seen by the samples, in bytes. */
  rssMaxBytes: number;
  rssEndBytes: number;
}

function rssOf(group: ProcessGroup): number {
  let rssBytes = 0;
  for (const pid of group.pids()) rssBytes += readProcess(pid)?.rssBytes ?? 0;
  return rssBytes;
}

/**
 * CPU of a group whose processes come and go (database backends, a restarted part): each pid's CPU time is
 * counted from its first sample (0 for a process that appeared after the start) to its last sample, so a
 * process that exits between samples keeps what it had used when last seen.
 */
class GroupCpu {
  readonly #first = new Map<number, number>();
  readonly #last = new Map<number, number>();
  readonly #group: ProcessGroup;

  constructor(group: ProcessGroup) {
    this.#group = group;
    for (const pid of group.pids()) {
      const cpu = readProcess(pid)?.cpuSeconds;
      if (cpu === undefined) continue;
      this.#first.set(pid, cpu);
      this.#last.set(pid, cpu);
    }
  }

  sample(): void {
    for (const pid of this.#group.pids()) {
      const cpu = readProcess(pid)?.cpuSeconds;
      if (cpu === undefined) continue;
      if (!this.#first.has(pid)) this.#first.set(pid, 0);
      this.#last.set(pid, cpu);
    }
  }

  seconds(): number {
    let total = 0;
    for (const [pid, last] of this.#last) total += Math.max(0, last - (this.#first.get(pid) ?? 0));
    return total;
  }
}

/**
 * Samples the groups every `intervalMs` until stop(): CPU is the CPU time used between start and stop over
 * the wall time between them; RSS is sampled, so a short spike between samples may be missed.
 */
export function startUsageSampler(groups: ProcessGroup[], intervalMs = 500) {
  const startedAt = performance.now();
  const cpu = groups.map((group) => new GroupCpu(group));
  const rssMax = groups.map(rssOf);
  const timer = setInterval(() => {
    groups.forEach((group, index) => {
      cpu[index]?.sample();
      rssMax[index] = Math.max(rssMax[index] ?? 0, rssOf(group));
    });
  }, intervalMs);
  timer.unref();
  return {
    stop(): GroupUsage[] {
      clearInterval(timer);
      const seconds = (performance.now() - startedAt) / 1000;
      return groups.map((group, index) => {
        cpu[index]?.sample();
        const rssEndBytes = rssOf(group);
        return {
          name: group.name,
          cpuPercent: seconds > 0 ? (100 * (cpu[index]?.seconds() ?? 0)) / seconds : 0,
          rssMaxBytes: Math.max(rssMax[index] ?? 0, rssEndBytes),
          rssEndBytes,
        };
      });
    },
  };
}

/** This process (the load generator), measured with Node's own counters. */
export const selfGroup: ProcessGroup = { name: 'load generator', pids: () => [process.pid] };

/** Busy and total jiffies of the whole machine (first line of /proc/stat). */
export function readMachineCpu(statText = readFileSync('/proc/stat', 'utf8')): {
  busy: number;
  total: number;
} {
  const fields = (statText.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** Share of all cores busy (any tenant of the machine) between start and stop, in percent. */
export function startMachineCpuSampler() {
  const first = readMachineCpu();
  return {
    stop(): number {
      const last = readMachineCpu();
      const total = last.total - first.total;
      return total > 0 ? (100 * (last.busy - first.busy)) / total : 0;
    },
  };
}
