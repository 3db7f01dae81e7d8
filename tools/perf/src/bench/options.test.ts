import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from './options.ts';

describe('bench options', () => {
  it('defaults to the issue’s workload and levels', () => {
    const options = parseBenchOptions([]);
    expect(options).toMatchObject({
      users: 50,
      rate: 100,
      seconds: 60,
      rounds: 3,
      clients: 32,
      streams: [100, 1000, 10000],
      listTodos: 10_000,
      pageSize: 10,
    });
    expect(options !== 'help' && [...options.only]).toEqual(['mixed', 'create', 'list', 'sse']);
  });

  it('reads flags, lists and steps', () => {
    const options = parseBenchOptions([
      '--users',
      '5',
      '--streams',
      '10,20',
      '--only',
      'sse,list',
      '--json',
      'x.json',
    ]);
    expect(options).toMatchObject({ users: 5, streams: [10, 20], json: 'x.json' });
    expect(options !== 'help' && [...options.only]).toEqual(['sse', 'list']);
    expect(parseBenchOptions(['--help'])).toBe('help');
  });

  it('refuses nonsense with a message naming the flag', () => {
    expect(() => parseBenchOptions(['--rate', '-3'])).toThrow('--rate');
    expect(() => parseBenchOptions(['--only', 'everything'])).toThrow('unknown step "everything"');
    expect(() => parseBenchOptions(['--colour'])).toThrow();
  });
});
