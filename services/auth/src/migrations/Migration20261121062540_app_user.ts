import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062540_app_user extends Migration {
  override name = 'Migration20261121062540_app_user';

  override up(): void {
    this.addSql(`create table if not exists "app_user" ("id" uuid not null, "email" varchar(254) not null, "password_hash" text not null, "created_at" timestamptz not null, primary key ("id"));`);
  }

  override down(): void {
    this.addSql(`drop table if exists "app_user";`);
  }
}
