import type { EventDomain, EventType } from './catalog.ts';

/**
 * Names on the bus. A namespace (empty in production) prefixes every stream and subject, so isolated runs
 * (each test suite, a second local stack) share one NATS server without seeing each other.
 */
export interface BusNames {
  namespace: string;
  stream(domain: EventDomain | 'deadLetters'): string;
  /** `todos.events.<userId>.<type>` */
  subject(domain: EventDomain, userId: string, type: EventType): string;
  /** Every event of one domain (`todos.events.>`), or of one user in it. */
  domainFilter(domain: EventDomain, userId?: string): string;
  deadLetterSubject(consumer: string): string;
}

const streamBaseNames = { auth: 'AUTH_EVENTS', todos: 'TODO_EVENTS', deadLetters: 'DEAD_LETTERS' } as const;

export function busNames(namespace = ''): BusNames {
  if (namespace && !/^[A-Za-z0-9]+$/.test(namespace)) {
    throw new Error(`NATS namespace must be letters and digits, got "${namespace}"`);
  }
  const subjectPrefix = namespace ? `${namespace}.` : '';
  return {
    namespace,
    stream: (domain) => (namespace ? `${namespace}_${streamBaseNames[domain]}` : streamBaseNames[domain]),
    subject: (domain, userId, type) => `${subjectPrefix}${domain}.events.${userId}.${type}`,
    domainFilter: (domain, userId) =>
      `${subjectPrefix}${domain}.events.${userId ?? '>'}${userId ? '.>' : ''}`,
    deadLetterSubject: (consumer) => `${subjectPrefix}dlq.${consumer}`,
  };
}
