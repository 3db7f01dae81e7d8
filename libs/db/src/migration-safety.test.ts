import { describe, expect, it } from 'vitest';
import { findCockroachHazards } from './migration-safety.ts';

const check = (up: string[], down: string[] = []) => findCockroachHazards({ name: 'M1', up, down });

describe('findCockroachHazards', () => {
  it('accepts one UUID-keyed table per migration', () => {
    expect(
      check(
        [
          'create table if not exists "todo" ("id" uuid not null, "title" varchar(500) not null, primary key ("id"));',
        ],
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
    expect(
      check([
        'create table if not exists "t" ("id" uuid primary key, "u" uuid references "u" not deferrable);',
      ]),
    ).toEqual([]);
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

  it.each([
    ['create table if not exists "t" ("id" uuid primary key, "n" int not null);'],
    ['create table if not exists "t" ("id" uuid primary key, "n" integer not null);'],
    ['alter table "t" alter column "n" type int;'],
    ['select "id"::int from "t";'],
  ])('rejects an integer without a width (INT8 on CockroachDB): %s', (sql) => {
    expect(check([sql]).join()).toContain('integer without a width');
  });

  it('accepts integers with a width, and "int" inside identifiers, literals and other words', () => {
    expect(
      check([
        `create table if not exists "t" ("id" uuid primary key, "a" int4, "b" int8, "c" smallint, "d" bigint, "int" int2, "e" text default 'int', "f" interval);`,
      ]),
    ).toEqual([]);
  });

  it.each([
    ['create table "t" ("id" uuid primary key);'],
    ['create unique index "t_u" on "t" ("u");'],
    ['alter table "t" add column "note" text;'],
    ['drop index "t_u";'],
    ['drop table "t";'],
  ])('rejects DDL that would fail when re-run after a crash (no IF [NOT] EXISTS): %s', (sql) => {
    expect(check([sql]).join()).toContain('DDL without IF [NOT] EXISTS');
  });

  it('accepts DDL that tolerates its own effect', () => {
    expect(
      check([
        'create unique index if not exists "t_u" on "t" ("u");',
        'alter table "t" add column if not exists "note" text;',
        'alter table "t" alter column "n" type int8;',
        'drop index if exists "t_u";',
      ]).filter((hazard) => !hazard.includes('DDL statements')),
    ).toEqual([]);
  });
});
