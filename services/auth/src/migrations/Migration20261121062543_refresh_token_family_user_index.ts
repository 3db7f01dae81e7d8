import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062543_refresh_token_family_user_index extends Migration {
  override name = 'Migration20261121062543_refresh_token_family_user_index';

  override up(): void {
    this.addSql(`create index if not exists "refresh_token_family_user_idx" on "refresh_token_family" ("user_id");`);
  }

  override down(): void {
    this.addSql(`drop index if exists "refresh_token_family_user_idx";`);
  }
}
