import { readFileSync } from 'node:fs';

/** Running, not a zombie waiting for a reaper (the container's init may never reap an orphan). */
export function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
