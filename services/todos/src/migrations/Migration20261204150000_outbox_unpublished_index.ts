import { Migration } from '@mikro-orm/migrations';

/** Only unpublished rows: the relay's claim and the lag gauge never walk past published ones. */
export class Migration20261204150000_outbox_unpublished_index extends Migration {
  override name = 'Migration20261204150000_outbox_unpublished_index';

  override up(): void {
    this.addSql(`create index if not exists "outbox_message_unpublished_idx" on "outbox_message" ("created_at", "id") where "published_at" is null;`);
  }

  override down(): void {
    this.addSql(`drop index if exists "outbox_message_unpublished_idx";`);
  }
}
