import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Lowercase letters and digits only: safe in database names, NATS stream names and subject tokens. */
export function randomToken(length: number): string {
  let token = '';
  for (let i = 0; i < length; i += 1) token += ALPHABET[randomInt(ALPHABET.length)];
  return token;
}

/** `project` reduced to [a-z0-9_] and kept short, so generated names stay under PostgreSQL's 63 bytes. */
export function safeProjectName(project: string): string {
  const safe = project
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 24);
  return safe || 'test';
}

/** Prefix of every test database one run of one project creates: `t_<project>_<runId>_`. */
export function testDatabasePrefix(project: string, runId: string): string {
  return `t_${safeProjectName(project)}_${runId}_`;
}

export function templateDatabaseName(project: string, runId: string): string {
  return `tpl_${safeProjectName(project)}_${runId}`;
}
