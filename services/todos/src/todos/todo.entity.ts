import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One user's todo. `order` lives in a column named `position`: ORDER is a reserved word in SQL, and a
 * quoted identifier would have to be quoted in every hand-written query too.
 */
export const Todo = defineEntity({
  name: 'Todo',
  tableName: 'todo',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    title: p.string().length(500),
    completed: p.boolean(),
    order: p.integer().columnType('int4').fieldName('position'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  // The list's keyset: every page is one range scan of this index, however many todos the user has.
  indexes: [{ name: 'todo_user_keyset_idx', properties: ['userId', 'order', 'createdAt', 'id'] }],
});

export type Todo = InferEntity<typeof Todo>;
