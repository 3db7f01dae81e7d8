import { z } from 'zod';
import type { TodoPosition } from './todo.repository.ts';

/**
 * The `cursor` of a list page: the position of the last todo the client saw. Opaque to clients
 * (base64url JSON), so its shape may change without breaking anyone who follows `Link` headers.
 */
const cursorContent = z.tuple([z.int32(), z.iso.datetime({ offset: true }), z.uuid()]);

export function encodeCursor({ order, createdAt, id }: TodoPosition): string {
  return Buffer.from(JSON.stringify([order, createdAt.toISOString(), id])).toString('base64url');
}

/** Undefined for anything this API did not issue. */
export function decodeCursor(cursor: string): TodoPosition | undefined {
  try {
    const parsed = cursorContent.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (!parsed.success) return undefined;
    const [order, createdAt, id] = parsed.data;
    return { order, createdAt: new Date(createdAt), id };
  } catch {
    return undefined;
  }
}
