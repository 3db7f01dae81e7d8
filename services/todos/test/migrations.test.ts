import { describeMigrations } from '@todo-bus/db/testing';
import { todosOrmOptions } from '../src/orm.ts';

describeMigrations('todos', todosOrmOptions);
