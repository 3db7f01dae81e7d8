/** The package.json of the root and of every workspace. */
export function manifestPaths(repoRoot: string): string[];
/** 'ci' when nothing is installed, 'install' when a manifest or the lock changed since, else undefined. */
export function installNeeded(repoRoot: string): 'ci' | 'install' | undefined;
