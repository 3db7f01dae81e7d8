import pg from 'pg';

/**
 * int8 (bigint) as a JavaScript number where it fits, a bigint beyond 2^53 (exact, and loud if it ever reaches
 * JSON), never the string node-pg returns by default. CockroachDB creates a bare `INT` as INT8 and returns
 * `count(*)` and integer arithmetic as INT8, so without this every such value would reach the code as text
 * ("1" + 1 = "11").
 */
export function parseInt8(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

let installed = false;

/**
 * Installs `parseInt8` for OID 20 in node-pg's type registry. Global on purpose: the pool MikroORM creates
 * builds its type overrides on top of it, and so does every other client in the process (tests, tools).
 */
export function installInt8Parser(): void {
  if (installed) return;
  pg.types.setTypeParser(pg.types.builtins.INT8, parseInt8);
  installed = true;
}
