import { describe, expect, it } from 'vitest';
import {
  parseCpuSeconds,
  parseRssBytes,
  readMachineCpu,
  readProcess,
  selfGroup,
  startUsageSampler,
} from './process-stats.ts';

describe('/proc parsing', () => {
  it('reads utime + stime even when the command name has spaces and parentheses', () => {
    const stat = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 11 0 1000';
    expect(parseCpuSeconds(stat)).toBe(3);
  });

  it('reads VmRSS in bytes', () => {
    expect(parseRssBytes('Name:\tnode\nVmHWM:\t  9000 kB\nVmRSS:\t  8192 kB\nThreads:\t11\n')).toBe(
      8192 * 1024,
    );
    expect(() => parseRssBytes('Name:\tkthreadd\n')).toThrow('VmRSS');
  });

  it('measures this process, and nothing for one that does not exist', () => {
    const self = readProcess(process.pid);
    expect(self?.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(self?.cpuSeconds).toBeGreaterThan(0);
    expect(readProcess(2 ** 30)).toBeUndefined();
  });

  it('keeps the CPU of a process that exits between samples, and counts one that appears in full', async () => {
    const { spawn } = await import('node:child_process');
    const pids: number[] = [];
    const sampler = startUsageSampler([{ name: 'children', pids: () => pids }], 20);
    const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 300; while (Date.now() < end);']);
    pids.push(child.pid ?? -1);
    await new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [usage] = sampler.stop();
    expect(usage?.cpuPercent).toBeGreaterThan(20);
  });

  it('turns CPU time over wall time into percent of a core', async () => {
    const sampler = startUsageSampler([selfGroup], 10);
    const until = performance.now() + 200;
    while (performance.now() < until); // busy: about 100% of one core
    const [usage] = sampler.stop();
    expect(usage?.cpuPercent).toBeGreaterThan(30);
    expect(usage?.cpuPercent).toBeLessThan(150);
    expect(usage?.rssMaxBytes).toBeGreaterThanOrEqual(usage?.rssEndBytes ?? 0);
  });
});

describe('machine CPU', () => {
  it('counts everything but idle and iowait as busy', () => {
    const stat = 'cpu  100 10 50 800 20 5 5 10 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n';
    expect(readMachineCpu(stat)).toEqual({ busy: 180, total: 1000 });
  });
});
