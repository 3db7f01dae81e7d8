import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062546_refresh_token_hash_unique extends Migration {
  override name = 'Migration20261121062546_refresh_token_hash_unique';

  override up(): void {
    this.addSql(`create unique index if not exists "refresh_token_hash_unique" on "refresh_token" ("token_hash");`);
  }

  override down(): void {
    this.addSql(`drop index if exists "refresh_token_hash_unique";`);
  }
}
