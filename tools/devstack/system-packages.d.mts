export interface SystemNeed {
  pkg: string;
  why: string;
  present(env: Record<string, string | undefined>): boolean;
}
/** The system packages each top-level command needs. */
export const NEEDS: { start: SystemNeed[]; test: SystemNeed[] };
/** The needs of `command` that this machine lacks. */
export function missingPackages(command: string, env?: Record<string, string | undefined>): SystemNeed[];
/** Installed here (root with apt-get), else the exact command a person must run. */
export function installPlan(
  missing: SystemNeed[],
  facts: { isRoot: boolean; hasAptGet: boolean },
): { install?: string[]; message: string };
export function aptInstall(packages: string[]): string | undefined;
export function machineFacts(): { isRoot: boolean; hasAptGet: boolean };
