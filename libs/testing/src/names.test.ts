import { describe, expect, it } from 'vitest';
import { randomToken, safeProjectName, templateDatabaseName, testDatabasePrefix } from './names.ts';

describe('generated names', () => {
  it('are lowercase letters and digits of the asked length', () => {
    expect(randomToken(12)).toMatch(/^[a-z0-9]{12}$/);
  });

  it('reduce a project label to a safe identifier part', () => {
    expect(safeProjectName('@todo-bus/Todos')).toBe('todo_bus_todos');
    expect(safeProjectName('---')).toBe('test');
  });

  it('stay within PostgreSQL identifier length for long project names', () => {
    const name = `${testDatabasePrefix('x'.repeat(200), 'abcdef')}${randomToken(8)}`;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(templateDatabaseName('x'.repeat(200), 'abcdef').length).toBeLessThanOrEqual(63);
  });
});
