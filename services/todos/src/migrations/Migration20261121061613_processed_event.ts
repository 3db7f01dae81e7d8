import { Migration } from '@mikro-orm/migrations';

export class Migration20261121061613_processed_event extends Migration {
  override name = 'Migration20261121061613_processed_event';

  override up(): void {
    this.addSql(`create table if not exists "processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

  override down(): void {
    this.addSql(`drop table if exists "processed_event";`);
  }
}
