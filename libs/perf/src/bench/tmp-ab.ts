import { startSystem } from '@todo-bus/devstack';
import { ApiClient } from '../http/api-client.ts';
import { mapConcurrent, registerUser } from '../http/users.ts';
import { startUsageSampler } from '../stats/process-stats.ts';
import { closedLoop } from './closed-loop.ts';
import { LIFTED_LIMITS } from './bench-system.ts';
const variants = [
  { label: 'no-cache', env: { PERF_TOKEN_CACHE: '0' } },
  { label: 'cache', env: {} },
];
const systems = [];
for (const v of variants) {
  const system = await startSystem({
    ports: 'free',
    isolated: true,
    log: () => undefined,
    env: { ...LIFTED_LIMITS, ...v.env },
  });
  const api = new ApiClient(`http://127.0.0.1:${system.ports.gateway}`);
  const users = await mapConcurrent(Array.from({ length: 32 }), 8, (_, i) => registerUser(api, `ab${i}`));
  const req = (w: number, s: number) => ({
    method: 'POST',
    path: '/api/todos',
    token: users[w]!.accessToken,
    body: { title: `t ${s}` },
  });
  await closedLoop(api, 32, 4000, req, 201);
  systems.push({ ...v, system, api, req });
}
const out = new Map<string, string[]>();
for (let r = 0; r < 4; r++) {
  for (const s of r % 2 ? [...systems].reverse() : systems) {
    const sampler = startUsageSampler(
      ['gateway', 'todos'].map((name) => ({ name, pids: () => [s.system.pids[name as 'gateway']!] })),
    );
    const res = await closedLoop(s.api, 32, 8000, s.req, 201);
    const [gw, td] = sampler.stop();
    const line = `${res.throughput.toFixed(0)}/s gw ${((10 * gw!.cpuPercent) / res.throughput).toFixed(2)} ms todos ${((10 * td!.cpuPercent) / res.throughput).toFixed(2)} ms`;
    out.set(s.label, [...(out.get(s.label) ?? []), line]);
    console.log(r, s.label, line);
  }
}
for (const s of systems) {
  await s.api.close();
  await s.system.stop();
}
