import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062541_app_user_email_unique extends Migration {
  override name = 'Migration20261121062541_app_user_email_unique';

  override up(): void {
    this.addSql(`create unique index if not exists "app_user_email_unique" on "app_user" ("email");`);
  }

  override down(): void {
    this.addSql(`drop index if exists "app_user_email_unique";`);
  }
}
