import { Migration } from '@mikro-orm/migrations';

export class Migration20261121061612_outbox_pending_index extends Migration {
  override name = 'Migration20261121061612_outbox_pending_index';

  override up(): void {
    this.addSql(`create index if not exists "outbox_message_pending_idx" on "outbox_message" ("published_at", "created_at", "id");`);
  }

  override down(): void {
    this.addSql(`drop index if exists "outbox_message_pending_idx";`);
  }
}
