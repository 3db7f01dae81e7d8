import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.uuid().primary(),
    /** Normalised (trimmed, lower-case) at the edge, so the unique index means "one account per address". */
    email: p.string().length(254).unique('app_user_email_unique'),
    passwordHash: p.text(),
    createdAt: p.datetime(),
  },
});

export type User = InferEntity<typeof User>;
