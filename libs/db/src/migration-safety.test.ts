import { describe, expect, it } from 'vitest';
import { findCockroachHazards } from './migration-safety.ts';

const check = (up: string[], down: string[] = []) => findCockroachHazards({ name: 'M1', up, down });

describe('findCockroachHazards', () => {
  it('accepts one UUID-keyed table per migration', () => {
    expect(
      check(
        ['create table "todo" ("id" uuid not null, "title" varchar(500) not null, primary key ("id"));'],
        ['drop table if exists "todo" cascade;'],
      ),
    ).toEqual([]);
  });

  it.each([
    ['create table "t" ("id" serial primary key);', 'serial'],
    ['create table "t" ("id" bigserial primary key);', 'serial'],
    ["select pg_notify('todos', 'x');", 'LISTEN/NOTIFY'],
    ['select pg_advisory_lock(1);', 'advisory lock'],
    [
      'alter table "t" add constraint "fk" foreign key ("a") references "u" ("id") deferrable initially deferred;',
      'DEFERRABLE',
    ],
    ['create trigger "touch" before update on "t" for each row execute function touch();', 'trigger'],
    ['truncate "t" restart identity;', 'RESTART IDENTITY'],
  ])('rejects %s', (sql, what) => {
    expect(check([sql]).join()).toContain(what);
  });

  it('allows NOT DEFERRABLE and words inside literals', () => {
    expect(check(['alter table "t" add constraint "c" check ("a" > 0) not deferrable;'])).toEqual([]);
    expect(check(['insert into "t" ("note") values (\'a; b\');'])).toEqual([]);
  });

  it('rejects several statements in one string and several DDL statements in one migration', () => {
    expect(
      check(['create table "a" ("id" uuid primary key); create table "b" ("id" uuid primary key);']).join(),
    ).toContain('several statements');
    expect(
      check(['create table "a" ("id" uuid primary key);', 'create index "a_idx" on "a" ("id");']).join(),
    ).toContain('2 DDL statements');
    expect(check([], ['drop index "a_idx";', 'drop table "a";']).join()).toContain('M1 down: 2 DDL');
  });
});
