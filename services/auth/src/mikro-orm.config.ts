// For the MikroORM CLI only (`npm run migration:create -w services/auth`), against DATABASE_URL.
import { authOrmOptions } from './orm.ts';

export default authOrmOptions(process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/auth');
