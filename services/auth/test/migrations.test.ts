import { describeMigrations } from '@todo-bus/db/testing';
import { authOrmOptions } from '../src/orm.ts';

describeMigrations('auth', authOrmOptions);
