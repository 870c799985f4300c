import { DEFAULT_ALLOWED_UPDATES, readAllowedUpdates } from "./allowed-updates.ts";
import { type ApiError, conflict } from "./api-error.ts";
import { TEXT } from "./error-texts.ts";
import { Signal } from "./signal.ts";
import type { Update, UpdatePayload } from "./types.ts";
import { orderKeyOf } from "./update-order-key.ts";

export interface PollRequest {
  offset: number;
  limit: number;
  timeoutSeconds: number;
  signal: AbortSignal;
}

interface HeldPoll {
  limit: number;
  resolve: (updates: Update[]) => void;
  reject: (error: ApiError) => void;
  dispose: () => void;
}

/**
 * One bot's pending updates and its long poll. Mirrors the Bot API server: updates stay
 * until confirmed by a later `offset`, at most one getUpdates may wait at a time, and an
 * update of a type outside allowed_updates is dropped when it is created.
 */
export class UpdateQueue {
  private updates: Update[] = [];
  /** Every update ever queued, confirmed or not, oldest first. */
  private readonly queued: Update[] = [];
  private nextId: number;
  private allowed: ReadonlySet<string> = DEFAULT_ALLOWED_UPDATES;
  private held: HeldPoll | undefined;
  private wakeScheduled = false;
  private lastDeliveredId = 0;
  /** Ids a webhook confirmed: with several chats in flight they come out of order. */
  private readonly confirmedIds = new Set<number>();
  private closed = false;
  /** Pending updates by chat (orderKeyOf): read once per answer by each of a thousand people. */
  private readonly pendingByKey = new Map<number, number>();
  /** Emits the id of an update handed to the bot (getUpdates) or confirmed by its webhook. */
  readonly delivered = new Signal<number>();
  /** Emits each update as it is queued; webhook delivery listens. */
  readonly added = new Signal<Update>();
  /** Emits how many updates left the pending list (confirmed, or dropped). */
  readonly left = new Signal<number>();

  constructor(firstUpdateId = 1) {
    this.nextId = firstUpdateId;
  }

  get pendingCount(): number {
    return this.updates.length;
  }

  /** Every update queued so far, the confirmed ones too, oldest first. */
  get history(): readonly Update[] {
    return this.queued;
  }

  /** The updates waiting for the bot, oldest first. */
  get pending(): readonly Update[] {
    return this.updates;
  }

  /** How many of the pending updates belong to one chat (its orderKeyOf). */
  pendingOf(key: number): number {
    return this.pendingByKey.get(key) ?? 0;
  }

  get allowedUpdates(): ReadonlySet<string> {
    return this.allowed;
  }

  get isPolling(): boolean {
    return this.held !== undefined;
  }

  accepts(type: string): boolean {
    return this.allowed.has(type);
  }

  isDelivered(updateId: number): boolean {
    return updateId <= this.lastDeliveredId || this.confirmedIds.has(updateId);
  }

  setAllowedUpdates(value: unknown): void {
    this.allowed = readAllowedUpdates(value) ?? this.allowed;
  }

  push(payload: UpdatePayload): Update | undefined {
    if (!this.allowed.has(updateTypeOf(payload))) return undefined;
    const update: Update = { update_id: this.nextId++, ...payload };
    this.updates.push(update);
    this.countPending(update, 1);
    this.queued.push(update);
    this.scheduleWake();
    this.added.emit(update);
    return update;
  }

  /** A webhook answered 2xx for this update: it leaves the queue and counts as delivered. */
  confirmOne(updateId: number): void {
    this.keepPending((update) => update.update_id !== updateId);
    this.confirmedIds.add(updateId);
    this.delivered.emit(updateId);
  }

  poll(request: PollRequest): Promise<Update[]> {
    this.confirm(request.offset);
    const ready = this.updates.slice(0, request.limit);
    const mustAnswerNow = ready.length > 0 || request.timeoutSeconds === 0 || this.closed || request.signal.aborted;
    if (mustAnswerNow) return Promise.resolve(this.deliver(ready));
    this.terminateHeld(conflict(TEXT.pollerConflict));
    return this.hold(request);
  }

  dropPending(): void {
    this.keepPending(() => false);
  }

  /** Answers the waiting getUpdates with an error, as a newer poller or setWebhook does. */
  terminateHeld(error: ApiError): void {
    const held = this.takeHeld();
    held?.reject(error);
  }

  /** Shutting down: the waiting getUpdates gets no updates, and later ones are not held. */
  close(): void {
    this.closed = true;
    this.takeHeld()?.resolve([]);
  }

  /** `offset` forgets every update below it; a negative offset keeps only the last -offset. */
  private confirm(offset: number): void {
    if (offset < 0) {
      const first = Math.max(0, this.updates.length + offset);
      this.keepPending((_, index) => index >= first);
      return;
    }
    // An offset from the future is ignored by the server rather than dropping updates to come.
    if (offset === 0 || offset > this.nextId) return;
    this.keepPending((update) => update.update_id >= offset);
  }

  private keepPending(keep: (update: Update, index: number) => boolean): void {
    const kept: Update[] = [];
    let removed = 0;
    this.updates.forEach((update, index) => {
      if (keep(update, index)) {
        kept.push(update);
        return;
      }
      this.countPending(update, -1);
      removed++;
    });
    this.updates = kept;
    if (removed > 0) this.left.emit(removed);
  }

  private countPending(update: Update, change: 1 | -1): void {
    const key = orderKeyOf(update);
    const count = (this.pendingByKey.get(key) ?? 0) + change;
    if (count === 0) this.pendingByKey.delete(key);
    else this.pendingByKey.set(key, count);
  }

  private deliver(updates: Update[]): Update[] {
    const last = updates.at(-1);
    if (last && last.update_id > this.lastDeliveredId) {
      this.lastDeliveredId = last.update_id;
      this.delivered.emit(last.update_id);
    }
    return updates;
  }

  private hold(request: PollRequest): Promise<Update[]> {
    return new Promise<Update[]>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.held === held) this.takeHeld()?.resolve([]);
      };
      const timer = setTimeout(() => this.takeHeld()?.resolve([]), request.timeoutSeconds * 1000);
      const held: HeldPoll = {
        limit: request.limit,
        resolve,
        reject,
        dispose: () => {
          clearTimeout(timer);
          request.signal.removeEventListener("abort", onAbort);
        },
      };
      this.held = held;
      request.signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  private takeHeld(): HeldPoll | undefined {
    const held = this.held;
    this.held = undefined;
    held?.dispose();
    return held;
  }

  // Like the server, answer a waiting poll right after an update arrives, batching
  // updates that were posted in the same tick.
  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      const held = this.held;
      if (!held || this.updates.length === 0) return;
      this.takeHeld();
      held.resolve(this.deliver(this.updates.slice(0, held.limit)));
    });
  }
}

function updateTypeOf(payload: UpdatePayload): string {
  const type = Object.keys(payload).find((key) => payload[key as keyof UpdatePayload] !== undefined);
  return type ?? "unknown";
}
