import { Migration } from '@mikro-orm/migrations';

export class Migration20261121061611_outbox_message extends Migration {
  override name = 'Migration20261121061611_outbox_message';

  override up(): void {
    this.addSql(`create table if not exists "outbox_message" ("id" uuid not null, "subject" varchar(255) not null, "payload" jsonb not null, "created_at" timestamptz not null, "claimed_until" timestamptz null, "published_at" timestamptz null, "attempts" int4 not null default 0, primary key ("id"));`);
  }

  override down(): void {
    this.addSql(`drop table if exists "outbox_message";`);
  }
}
