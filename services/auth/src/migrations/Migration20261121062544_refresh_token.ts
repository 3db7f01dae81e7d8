import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062544_refresh_token extends Migration {
  override name = 'Migration20261121062544_refresh_token';

  override up(): void {
    this.addSql(`create table if not exists "refresh_token" ("id" uuid not null, "family_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "rotated_at" timestamptz null, primary key ("id"));`);
  }

  override down(): void {
    this.addSql(`drop table if exists "refresh_token";`);
  }
}
