import type { BotAccount, WebhookSettings } from "./bot-account.ts";
import type { Signal } from "./signal.ts";
import type { Update } from "./types.ts";
import { orderKeyOf } from "./update-order-key.ts";
import type { WebhookAttempt } from "./webhook-attempt.ts";
import { type PostOutcome, postUpdate } from "./webhook-post.ts";

export interface WebhookTiming {
  /** How long a webhook may take to answer before the attempt counts as failed. */
  timeoutMs: number;
  /** The wait before the first retry of a failed update; it doubles after each failure. */
  retryMs: number;
}

/** Telegram stops doubling the wait between retries at a minute. */
const MAX_RETRY_MS = 60_000;

interface InFlight {
  key: number;
  controller: AbortController;
  done: Promise<void>;
}

interface Backoff {
  delayMs: number;
  notBefore: number;
}

export interface WebhookError {
  /** Unix time, as getWebhookInfo's last_error_date. */
  date: number;
  message: string;
}

/**
 * Pushes one bot's pending updates to its webhook while one is set. Up to max_connections
 * requests run at once, but a chat's next update waits until the previous one is confirmed
 * (a 2xx answer); a failed update stays first in its chat and is retried after a growing
 * wait. Deleting the webhook stops new requests; those in flight finish and still confirm.
 */
export class WebhookDelivery {
  private readonly bot: BotAccount;
  private readonly timing: WebhookTiming;
  private readonly attempted: Signal<WebhookAttempt>;
  private readonly inFlight = new Map<number, InFlight>();
  private readonly backoff = new Map<number, Backoff>();
  private unsubscribe: (() => void) | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private pumpScheduled: NodeJS.Immediate | undefined;
  private closed = false;
  readonly attempts: WebhookAttempt[] = [];
  lastError: WebhookError | undefined;

  constructor(bot: BotAccount, timing: WebhookTiming, attempted: Signal<WebhookAttempt>) {
    this.bot = bot;
    this.timing = timing;
    this.attempted = attempted;
  }

  /** The bot's webhook was set or changed: deliver what is pending and what comes. */
  start(): void {
    if (this.closed) return;
    this.unsubscribe ??= this.bot.queue.added.on(() => this.schedulePump());
    this.backoff.clear();
    this.schedulePump();
  }

  /** The webhook was deleted: no new requests (those in flight may still confirm theirs). */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.retryTimer);
    if (this.pumpScheduled) clearImmediate(this.pumpScheduled);
    this.pumpScheduled = undefined;
    this.backoff.clear();
    this.lastError = undefined;
  }

  /** Emulator shutdown: abandon the requests in flight, their updates stay unconfirmed. */
  async close(): Promise<void> {
    this.closed = true;
    this.stop();
    const flights = [...this.inFlight.values()];
    for (const flight of flights) flight.controller.abort();
    await Promise.all(flights.map((flight) => flight.done));
  }

  // Batches the updates posted in one tick, as the long poll does.
  private schedulePump(): void {
    if (this.pumpScheduled || this.closed) return;
    this.pumpScheduled = setImmediate(() => {
      this.pumpScheduled = undefined;
      this.pump();
    });
  }

  private pump(): void {
    const settings = this.bot.webhook;
    if (!settings || this.closed) return;
    const pending = this.bot.queue.pending;
    this.forgetBackoffOfGone(pending);
    // A chat with an update in flight, or whose first pending update waits for its retry,
    // is busy: its later updates may not overtake.
    const busy = new Set([...this.inFlight.values()].map((flight) => flight.key));
    const now = Date.now();
    let wakeAt = Number.POSITIVE_INFINITY;
    for (const update of pending) {
      if (this.inFlight.size >= settings.maxConnections) break;
      const key = orderKeyOf(update);
      if (busy.has(key)) continue;
      busy.add(key);
      const notBefore = this.backoff.get(update.update_id)?.notBefore ?? 0;
      if (notBefore > now) wakeAt = Math.min(wakeAt, notBefore);
      else this.send(update, key, settings);
    }
    this.scheduleRetry(wakeAt);
  }

  private scheduleRetry(wakeAt: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (wakeAt === Number.POSITIVE_INFINITY) return;
    this.retryTimer = setTimeout(() => this.pump(), Math.max(0, wakeAt - Date.now()));
  }

  private send(update: Update, key: number, settings: WebhookSettings): void {
    const controller = new AbortController();
    const started = Date.now();
    const posted = postUpdate({
      url: settings.url,
      body: JSON.stringify(update),
      secretToken: settings.secretToken,
      timeoutMs: this.timing.timeoutMs,
      signal: controller.signal,
    });
    const done = posted.then((outcome) => {
      this.inFlight.delete(update.update_id);
      this.settle(update.update_id, settings.url, started, outcome);
      this.schedulePump();
    });
    this.inFlight.set(update.update_id, { key, controller, done });
  }

  private settle(updateId: number, url: string, started: number, outcome: PostOutcome): void {
    if (outcome.kind === "cancelled") return;
    const attempt: WebhookAttempt = {
      updateId,
      url,
      time: started,
      ms: Date.now() - started,
      ok: outcome.kind === "confirmed",
      ...(outcome.status === undefined ? {} : { status: outcome.status }),
      ...(outcome.kind === "failed" ? { error: outcome.error } : {}),
    };
    this.attempts.push(attempt);
    if (outcome.kind === "confirmed") {
      this.backoff.delete(updateId);
      this.bot.queue.confirmOne(updateId);
    } else {
      this.delayRetry(updateId);
      if (this.bot.webhook) this.lastError = { date: Math.floor(Date.now() / 1000), message: outcome.error };
    }
    this.attempted.emit(attempt);
  }

  private delayRetry(updateId: number): void {
    const previous = this.backoff.get(updateId);
    const delayMs = previous ? Math.min(previous.delayMs * 2, MAX_RETRY_MS) : this.timing.retryMs;
    this.backoff.set(updateId, { delayMs, notBefore: Date.now() + delayMs });
  }

  // drop_pending_updates, or a getUpdates offset after the webhook was deleted.
  private forgetBackoffOfGone(pending: readonly Update[]): void {
    if (this.backoff.size === 0) return;
    const ids = new Set(pending.map((update) => update.update_id));
    for (const id of this.backoff.keys()) if (!ids.has(id)) this.backoff.delete(id);
  }
}
