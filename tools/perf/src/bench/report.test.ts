import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from '../stats/latency-recorder.ts';
import { parseBenchOptions, type BenchOptions } from './options.ts';
import { renderReport, table } from './report.ts';

const recorder = (...values: number[]) => {
  const latency = new LatencyRecorder();
  values.forEach((value) => latency.record(value));
  return latency;
};

describe('report', () => {
  it('aligns a Markdown table', () => {
    expect(table(['a', 'long header'], [['wide cell', 'x']])).toBe(
      ['| a         | long header |', '| --------- | ----------- |', '| wide cell | x           |'].join(
        '\n',
      ),
    );
  });

  it('states each target as met or missed, with the ratio and its inputs', () => {
    const options = parseBenchOptions([]) as BenchOptions;
    const loop = (throughput: number) => ({ throughput, ok: 1, failed: 0, latency: recorder(1) });
    const text = renderReport({
      options,
      startedAt: '2026-01-01T00:00:00.000Z',
      totalSeconds: 1,
      create: {
        rounds: [
          {
            gateway: loop(600),
            direct: loop(800),
            pgbenchTps: 4000,
            cpu: {
              gateway: {
                perRequestMs: { gateway: 0.5, todos: 1 },
                machinePercent: 90,
                machinePerRequestMs: 3,
              },
              direct: {
                perRequestMs: { gateway: 0, todos: 1 },
                machinePercent: 90,
                machinePerRequestMs: 2.2,
              },
              pgbench: {
                perRequestMs: { gateway: 0, todos: 0 },
                machinePercent: 95,
                machinePerRequestMs: 0.5,
              },
            },
          },
        ],
        gatewayMedian: 600,
        directMedian: 800,
        pgbenchMedian: 4000,
        gatewayOverPgbench: 0.15,
        gatewayOverDirect: 0.75,
      },
      list: {
        smallTodos: 10,
        bigTodos: 10_000,
        smallP50: [1],
        bigP50: [1.2],
        small: recorder(1),
        big: recorder(1.2),
        ratio: 1.2,
      },
      events: { expected: 10, delivered: 10, lost: 0, duplicated: 0, unexpected: 0 },
    });
    expect(text).toMatch(/create via gateway ÷ pgbench.*600\/s ÷ 4000 tps.*0\.15×.*≥ 0\.5×.*MISSED/);
    expect(text).toMatch(/create via gateway ÷ direct.*0\.75×.*MISSED/);
    expect(text).toMatch(/list p50, 10000 ÷ 10 todos\/user.*1\.20×.*≤ 1\.5×.*met/);
    expect(text).toMatch(/events lost \/ duplicated.*10 of 10 delivered.*0 \/ 0.*met/);
    expect(text).toMatch(/\| gateway +\| 0\.50 +\| 1\.00 +\| 1\.50 +\| 90 +\| 3\.00 /);
  });
});
