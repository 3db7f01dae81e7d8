// Turns the output of the parts into one readable stream: `auth    │ INFO  server listening`.

const PINO_LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const PALETTE = [36, 35, 33, 32, 34, 96, 95, 93];
const LEVEL_COLOURS: Record<string, number> = { WARN: 33, ERROR: 31, FATAL: 31, DEBUG: 90, TRACE: 90 };

export interface Prefixer {
  (part: string, line: string): string;
}

const paint = (code: number, text: string, colour: boolean) =>
  colour ? `\u001b[${code}m${text}\u001b[0m` : text;

/** Whether to use ANSI colours: FORCE_COLOR wins, then NO_COLOR, then whether the stream is a terminal. */
export function wantsColour(env: Record<string, string | undefined>, isTTY: boolean | undefined): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(isTTY);
}

/** A function that prefixes lines with the part name, padded so the `│` of every part lines up. */
export function createPrefixer(parts: readonly string[], colour: boolean): Prefixer {
  const width = Math.max(...parts.map((part) => part.length), 0);
  return (part, line) => {
    const index = parts.indexOf(part);
    const name = paint(PALETTE[Math.max(index, 0) % PALETTE.length] ?? 36, part.padEnd(width), colour);
    return formatLine(line, colour)
      .split('\n')
      .map((text) => `${name} │ ${text}`)
      .join('\n');
  };
}

interface PinoRecord {
  level?: unknown;
  msg?: unknown;
  reqId?: unknown;
  req?: { method?: unknown; url?: unknown };
  res?: { statusCode?: unknown };
  responseTime?: unknown;
  err?: { type?: unknown; message?: unknown; stack?: unknown };
}

/** A pino JSON line printed compactly (level, message, request details, error); any other line unchanged. */
export function formatLine(input: string, colour = false): string {
  const record = parsePino(input);
  if (!record) return input;
  const level =
    typeof record.level === 'number' ? (PINO_LEVELS[record.level] ?? String(record.level)) : 'INFO';
  const details: string[] = [];
  if (record.req && typeof record.req.method === 'string')
    details.push(`${record.req.method} ${String(record.req.url)}`);
  if (record.res && typeof record.res.statusCode === 'number') details.push(String(record.res.statusCode));
  if (typeof record.responseTime === 'number') details.push(`${Math.round(record.responseTime)}ms`);
  if (record.reqId !== undefined) details.push(`[${text(record.reqId)}]`);
  let line = `${paint(LEVEL_COLOURS[level] ?? 32, level.padEnd(5), colour)} ${text(record.msg ?? '')}`;
  if (details.length > 0) line += `  ${details.join(' ')}`;
  if (record.err) {
    const stack = typeof record.err.stack === 'string' ? record.err.stack : undefined;
    line += `\n${stack ?? `${text(record.err.type ?? 'Error')}: ${text(record.err.message)}`}`;
  }
  return line;
}

/** A log field as text: strings as they are, anything else as JSON. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parsePino(line: string): PinoRecord | undefined {
  if (!line.startsWith('{') || !line.includes('"level"')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && 'level' in parsed ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Splits a byte stream into lines, holding back an unfinished last line until the next chunk (or flush). */
export function createLineSplitter(onLine: (line: string) => void): {
  push(chunk: string): void;
  flush(): void;
} {
  let pending = '';
  return {
    push(chunk) {
      const lines = (pending + chunk).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    flush() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}
