import { Migration } from '@mikro-orm/migrations';

/** Replaced by outbox_message_unpublished_idx; this one had a hot end for each of null and recent published_at. */
export class Migration20261204150001_drop_outbox_pending_index extends Migration {
  override name = 'Migration20261204150001_drop_outbox_pending_index';

  override up(): void {
    this.addSql(`drop index if exists "outbox_message_pending_idx";`);
  }

  override down(): void {
    this.addSql(`create index if not exists "outbox_message_pending_idx" on "outbox_message" ("published_at", "created_at", "id");`);
  }
}
