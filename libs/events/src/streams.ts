import { RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { BusNames } from './subjects.ts';

const nanos = (milliseconds: number) => milliseconds * 1_000_000;
const day = 24 * 60 * 60 * 1000;

/** Longer than the outbox claim lease, so a row republished after a relay crash is still deduplicated. */
export const duplicateWindowMs = 10 * 60 * 1000;

export function streamConfigs(names: BusNames, replicas = 1): (Partial<StreamConfig> & { name: string })[] {
  const common = {
    num_replicas: replicas,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: nanos(duplicateWindowMs),
  };
  return [
    {
      ...common,
      name: names.stream('auth'),
      subjects: [names.domainFilter('auth')],
      max_age: nanos(30 * day),
    },
    {
      ...common,
      name: names.stream('todos'),
      subjects: [names.domainFilter('todos')],
      max_age: nanos(30 * day),
    },
    {
      ...common,
      name: names.stream('deadLetters'),
      subjects: [names.deadLetterSubject('>')],
      max_age: nanos(90 * day),
    },
  ];
}

/** Creates the streams, or brings their settings up to date; safe when several services race to do it. */
export async function ensureStreams(jsm: JetStreamManager, names: BusNames, replicas = 1): Promise<void> {
  for (const config of streamConfigs(names, replicas)) {
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
      try {
        await jsm.streams.add(config);
      } catch (addError) {
        // Another service created it between our look-up and our add: that is the outcome we wanted.
        if (!/already in use/i.test(String(addError))) throw addError;
      }
    }
  }
}

function isStreamNotFound(error: unknown): boolean {
  return /stream not found/i.test(String(error));
}
