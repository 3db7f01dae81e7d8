import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062533_todo_keyset_index extends Migration {
  override name = 'Migration20261121062533_todo_keyset_index';

  override up(): void {
    this.addSql(`create index if not exists "todo_user_keyset_idx" on "todo" ("user_id", "position", "created_at", "id");`);
  }

  override down(): void {
    this.addSql(`drop index if exists "todo_user_keyset_idx";`);
  }
}
