// For the MikroORM CLI only (`npm run migration:create -w services/todos`), against DATABASE_URL.
import { todosOrmOptions } from './orm.ts';

export default todosOrmOptions(process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/todos');
