import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062542_refresh_token_family extends Migration {
  override name = 'Migration20261121062542_refresh_token_family';

  override up(): void {
    this.addSql(`create table if not exists "refresh_token_family" ("id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_reason" varchar(40) null, primary key ("id"));`);
  }

  override down(): void {
    this.addSql(`drop table if exists "refresh_token_family";`);
  }
}
