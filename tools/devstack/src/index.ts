/**
 * @todo-bus/devstack: runs the whole system on this machine (`npm start`, `npm run seed`) and lets end-to-end
 * tests start it programmatically with startSystem().
 */
export {
  startSystem,
  REPO_ROOT,
  type Replica,
  type RunningSystem,
  type StartSystemOptions,
} from './system.ts';
export {
  DEFAULT_OPERATIONS_PORTS,
  DEFAULT_PORTS,
  PART_NAMES,
  type OperationsPorts,
  type PartName,
  type Ports,
} from './env.ts';
export { seedDemoData, DEMO_USER, SeedError, type SeedResult } from './seed.ts';
