import { LatencyRecorder } from '../stats/latency-recorder.ts';

/** The parts of a CloudEvent the ledger reads. */
export interface ReceivedEvent {
  id: string;
  type: string;
  subject: string;
  time: string;
}

/** One delivery: when the event was stamped, when it arrived, and where it sits in the stream. */
export interface DeliverySample {
  seq: number;
  committedAt: number;
  receivedAt: number;
}

const MAX_SAMPLES = 2_000;

export interface LedgerSummary {
  /** Events the acknowledged writes should have produced. */
  expected: number;
  /** Distinct expected events that arrived. */
  delivered: number;
  /** Expected events that never arrived. */
  lost: number;
  /** Deliveries of an event id already delivered on the same stream. */
  duplicated: number;
  /** Events nobody acknowledged (a write that timed out but committed): not an error, reported apart. */
  unexpected: number;
}

/**
 * Matches what the API acknowledged (201 for a create, 200 for a change, 204 for a delete) with what each
 * user's SSE stream delivered: counts per (user, type, subject), so two toggles of one todo expect two
 * `todo.updated` events. Commit → SSE latency is receipt time minus the event's `time`, which the todos
 * service stamps inside the transaction, just before it commits (same machine, same clock).
 */
export class EventLedger {
  readonly latency = new LatencyRecorder();
  /** A second recorder for one step of a run (one stream level), alongside the whole-run one. */
  window: LatencyRecorder | undefined;
  /** Deliveries of the current window with their stream sequence, for the latency breakdown (capped). */
  windowSamples: DeliverySample[] = [];
  readonly #expected = new Map<string, number>();
  readonly #received = new Map<string, number>();
  readonly #seenIds = new Map<string, Set<string>>();
  #duplicated = 0;
  #expectedTotal = 0;

  expect(userId: string, type: string, subject: string): void {
    const key = `${userId} ${type} ${subject}`;
    this.#expected.set(key, (this.#expected.get(key) ?? 0) + 1);
    this.#expectedTotal++;
  }

  /**
   * `stream` names the receiving stream (a user may hold several); defaults to the user. `seq` is the
   * JetStream sequence (the SSE id), which lets the breakdown ask the stream when it stored the event.
   */
  receive(
    userId: string,
    event: ReceivedEvent,
    receivedAt: number,
    stream: string = userId,
    seq?: number,
  ): void {
    let seen = this.#seenIds.get(stream);
    if (!seen) this.#seenIds.set(stream, (seen = new Set()));
    if (seen.has(event.id)) {
      this.#duplicated++;
      return;
    }
    seen.add(event.id);
    const key = `${userId} ${event.type} ${event.subject}`;
    this.#received.set(key, (this.#received.get(key) ?? 0) + 1);
    const committedAt = Date.parse(event.time);
    if (Number.isFinite(committedAt)) {
      const latency = Math.max(0, receivedAt - committedAt);
      this.latency.record(latency);
      if (this.window) {
        this.window.record(latency);
        if (seq !== undefined && this.windowSamples.length < MAX_SAMPLES) {
          this.windowSamples.push({ seq, committedAt, receivedAt });
        }
      }
    }
  }

  /** True once every expected event has arrived (the drain after a load phase waits for it). */
  complete(): boolean {
    for (const [key, count] of this.#expected) if ((this.#received.get(key) ?? 0) < count) return false;
    return true;
  }

  /** Waits until every expected event has arrived, or `timeoutMs` passed; true if complete. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.complete()) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return true;
  }

  summary(): LedgerSummary {
    let delivered = 0;
    let lost = 0;
    for (const [key, count] of this.#expected) {
      const received = Math.min(count, this.#received.get(key) ?? 0);
      delivered += received;
      lost += count - received;
    }
    let unexpected = 0;
    for (const [key, count] of this.#received) {
      unexpected += Math.max(0, count - (this.#expected.get(key) ?? 0));
    }
    return { expected: this.#expectedTotal, delivered, lost, duplicated: this.#duplicated, unexpected };
  }
}
