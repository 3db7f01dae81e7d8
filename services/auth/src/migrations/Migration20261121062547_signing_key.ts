import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062547_signing_key extends Migration {
  override name = 'Migration20261121062547_signing_key';

  override up(): void {
    this.addSql(`create table if not exists "signing_key" ("id" uuid not null, "public_jwk" jsonb not null, "encrypted_private_key" text not null, "created_at" timestamptz not null, "activates_at" timestamptz not null, "retires_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("id"));`);
  }

  override down(): void {
    this.addSql(`drop table if exists "signing_key";`);
  }
}
