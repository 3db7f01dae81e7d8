import { describe, expect, it } from 'vitest';
import { readRequestId, withHeader } from './request-id.ts';

describe('readRequestId', () => {
  it('keeps the gateway id', () => {
    const id = '5b0f1f7e-9c1c-4a53-8d3e-2f0a4f6c9b11';
    expect(readRequestId(new Headers({ 'x-request-id': id }))).toBe(id);
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['with spaces', 'a b'],
    ['with a log-forging newline escape', 'abc%0d%0a'],
    ['too long', 'a'.repeat(129)],
  ])('ignores an id that is %s', (_case, value) => {
    const headers = new Headers(value === undefined ? {} : { 'x-request-id': value });
    expect(readRequestId(headers)).toBeNull();
  });
});

describe('withHeader', () => {
  it('sets the header on a mutable response', () => {
    const response = new Response('ok');
    expect(withHeader(response, 'x-request-id', 'r1').headers.get('x-request-id')).toBe('r1');
  });

  it('leaves a header the response already has', () => {
    const response = new Response('ok', { headers: { 'x-request-id': 'theirs' } });
    expect(withHeader(response, 'x-request-id', 'r1').headers.get('x-request-id')).toBe('theirs');
  });

  it('copies a response whose headers are immutable', async () => {
    const immutable = Response.redirect('http://example.test/', 302);
    const result = withHeader(immutable, 'x-request-id', 'r1');
    expect(result).not.toBe(immutable);
    expect(result.status).toBe(302);
    expect(result.headers.get('location')).toBe('http://example.test/');
    expect(result.headers.get('x-request-id')).toBe('r1');
    expect(await result.text()).toBe('');
  });
});
