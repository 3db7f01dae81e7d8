import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedDecoder } from './chunked-decoder.ts';
import { SseParser } from './sse-parser.ts';

const chunked = (parts: string[]) =>
  parts.map((part) => `${Buffer.byteLength(part, 'latin1').toString(16)}\r\n${part}\r\n`).join('') +
  '0\r\n\r\n';

/** Splits `text` at the given cut points (any TCP segmentation). */
const splitAt = (text: string, cuts: number[]) => {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  pieces.push(text.slice(from));
  return pieces;
};

describe('ChunkedDecoder', () => {
  it('decodes a chunked body however TCP splits it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (parts, cuts) => {
          const wire = chunked(parts.map((part) => Buffer.from(part, 'utf8').toString('latin1')));
          const decoder = new ChunkedDecoder();
          const body = splitAt(wire, cuts)
            .map((piece) => decoder.push(piece))
            .join('');
          expect(Buffer.from(body, 'latin1').toString('utf8')).toBe(parts.join(''));
          expect(decoder.ended).toBe(true);
        },
      ),
    );
  });

  it('refuses a malformed size line', () => {
    expect(() => new ChunkedDecoder().push('zz\r\nabc\r\n')).toThrow('bad chunk size');
  });
});

describe('SseParser', () => {
  it('parses events, skipping comments and heartbeats, with any line ending', () => {
    const parser = new SseParser();
    const messages = parser.push(
      'retry: 2000\n: connected\n\nid: 7\nevent: todo.created\ndata: {"a":1}\n\n: heartbeat\r\n\r\n' +
        'data: one\rdata: two\r\n\r\nevent: end\ndata: {"reason":"x"}\n\n',
    );
    expect(messages).toEqual([
      { id: '7', event: 'todo.created', data: '{"a":1}' },
      { id: '7', event: 'message', data: 'one\ntwo' },
      { id: '7', event: 'end', data: '{"reason":"x"}' },
    ]);
  });

  it('yields the same messages however the text is split', () => {
    const text = 'id: 1\nevent: a\ndata: x\n\n: hb\n\nid: 2\r\nevent: b\r\ndata: y\r\n\r\n';
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        const parser = new SseParser();
        const messages = splitAt(text, cuts).flatMap((piece) => parser.push(piece));
        expect(messages).toEqual([
          { id: '1', event: 'a', data: 'x' },
          { id: '2', event: 'b', data: 'y' },
        ]);
      }),
    );
  });
});
