import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062545_refresh_token_family_index extends Migration {
  override name = 'Migration20261121062545_refresh_token_family_index';

  override up(): void {
    this.addSql(`create index if not exists "refresh_token_family_idx" on "refresh_token" ("family_id");`);
  }

  override down(): void {
    this.addSql(`drop index if exists "refresh_token_family_idx";`);
  }
}
