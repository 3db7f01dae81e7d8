import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062532_todo extends Migration {
  override name = 'Migration20261121062532_todo';

  override up(): void {
    this.addSql(`create table if not exists "todo" ("id" uuid not null, "user_id" uuid not null, "title" varchar(500) not null, "completed" boolean not null, "position" int4 not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
  }

  override down(): void {
    this.addSql(`drop table if exists "todo";`);
  }
}
