import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062541_app_user_email_unique extends Migration {
  override name = 'Migration20261121062541_app_user_email_unique';

  override up(): void {
    this.addSql(`create unique index "app_user_email_unique" on "app_user" ("email");`);
  }

  override down(): void {
    this.addSql(`drop index "app_user_email_unique";`);
  }
}
