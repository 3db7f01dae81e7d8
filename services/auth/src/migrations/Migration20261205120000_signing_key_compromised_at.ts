import { Migration } from '@mikro-orm/migrations';

export class Migration20261205120000_signing_key_compromised_at extends Migration {
  override name = 'Migration20261205120000_signing_key_compromised_at';

  override up(): void {
    this.addSql(`alter table "signing_key" add column if not exists "compromised_at" timestamptz null;`);
  }

  override down(): void {
    this.addSql(`alter table "signing_key" drop column if exists "compromised_at";`);
  }
}
